package dev.switchboard.bench.load;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection on an {@link IoLoop}: non-blocking connect over TCP or a Unix domain socket, the WebSocket
 * (RFC 6455, masked client frames) or RawSocket (WAMP advanced/transport_rawsocket) handshake and framing, one WAMP
 * message per frame handed to the {@link Listener} straight from the read buffer (no copy). Loop thread only.
 */
final class Conn {
    /** What a connection tells its owner; all on the loop thread. */
    interface Listener {
        void opened(Conn conn);

        /** One whole WAMP message; {@code data} is only valid during the call. */
        void message(byte[] data, int offset, int length);

        void closed(String why);
    }

    private static final int MAX_MESSAGE = 16 << 20;
    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum State { CONNECTING, HANDSHAKE, OPEN, CLOSED }

    private final IoLoop loop;
    private final Endpoint endpoint;
    private final String subprotocol;
    private final int rawSerializerId;
    private final boolean text;
    private final Listener listener;
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CONNECTING;
    private ByteBuffer in = ByteBuffer.allocate(8 << 10); // grows for bursts and big frames
    private ByteBuffer out = ByteBuffer.allocate(2 << 10);
    private boolean dirty;
    /** A fragmented WebSocket message being put together (rare: routers send whole messages). */
    private ByteBuffer fragments;

    /**
     * @param subprotocol     WebSocket subprotocol, e.g. {@code wamp.2.json}
     * @param rawSerializerId RawSocket serializer id: 1 JSON, 2 MsgPack, 3 CBOR
     * @param text            whether WebSocket messages go in text frames (JSON)
     */
    Conn(IoLoop loop, Endpoint endpoint, String subprotocol, int rawSerializerId, boolean text, Listener listener) {
        this.loop = loop;
        this.endpoint = endpoint;
        this.subprotocol = subprotocol;
        this.rawSerializerId = rawSerializerId;
        this.text = text;
        this.listener = listener;
    }

    IoLoop loop() {
        return loop;
    }

    /** Starts connecting; on the loop thread. */
    void connect() {
        connect(0);
    }

    private void connect(int attempt) {
        try {
            channel = endpoint.unix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            channel.configureBlocking(false);
            if (!endpoint.unix()) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            boolean connected = channel.connect(endpoint.address());
            key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (connected) {
                startHandshake();
            }
        } catch (IOException e) {
            // A Unix socket whose accept queue is full refuses at once (EAGAIN) where TCP would retransmit the SYN:
            // try again shortly, as a TCP client would, but not for ever.
            if (endpoint.unix() && attempt < 200 && String.valueOf(e.getMessage()).contains("temporarily unavailable")) {
                abort();
                state = State.CONNECTING;
                loop.schedule(System.nanoTime() + 5_000_000L, () -> connect(attempt + 1));
                return;
            }
            failed(e);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    void finishConnect() throws IOException {
        if (channel.finishConnect()) {
            key.interestOps(SelectionKey.OP_READ);
            startHandshake();
        }
    }

    private void startHandshake() {
        state = State.HANDSHAKE;
        if (endpoint.webSocket()) {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + endpoint.httpPath() + " HTTP/1.1\r\n"
                    + "Host: " + endpoint.host() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            put(request.getBytes(StandardCharsets.US_ASCII));
        } else {
            // 0x7F, LLLL SSSS (L = 15: we accept up to 16 MiB), 0, 0
            put(new byte[] {0x7F, (byte) (0xF0 | rawSerializerId), 0, 0});
        }
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    // ---- sending ----

    /** Queues one WAMP message; written at the end of the loop's turn together with everything else queued. */
    void send(byte[] payload) {
        if (state != State.OPEN) {
            return;
        }
        if (endpoint.webSocket()) {
            writeWebSocketFrame(text ? 0x1 : 0x2, payload);
        } else {
            ensureOut(4 + payload.length);
            out.putInt(payload.length); // type 0 (message), length below 2^24: the handshake allowed that
            out.put(payload);
        }
        markDirty();
    }

    private void writeWebSocketFrame(int opcode, byte[] payload) {
        int length = payload.length;
        ensureOut(14 + length);
        out.put((byte) (0x80 | opcode));
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127));
            out.putLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        out.putInt(mask);
        byte[] dst = out.array();
        int at = out.arrayOffset() + out.position();
        for (int i = 0; i < length; i++) {
            dst[at + i] = (byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
        }
        out.position(out.position() + length);
    }

    private void put(byte[] raw) {
        ensureOut(raw.length);
        out.put(raw);
        markDirty();
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            loop.markDirty(this);
        }
    }

    private void ensureOut(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    /** Writes what is queued; what the socket does not take now waits for OP_WRITE. */
    void flush() throws IOException {
        dirty = false;
        if (state == State.CLOSED || out.position() == 0) {
            return;
        }
        out.flip();
        channel.write(out);
        out.compact();
        if (out.position() > 0) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        } else if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    // ---- receiving ----

    void readable() throws IOException {
        for (int reads = 0; reads < 4 && state != State.CLOSED; reads++) {
            int n = channel.read(in);
            if (n < 0) {
                close("the router closed the connection");
                return;
            }
            if (n == 0) {
                return;
            }
            in.flip();
            if (state == State.HANDSHAKE) {
                handshakeReply();
            }
            if (state == State.OPEN) {
                if (endpoint.webSocket()) {
                    webSocketFrames();
                } else {
                    rawSocketFrames();
                }
            }
            in.compact();
        }
    }

    private void handshakeReply() {
        if (endpoint.webSocket()) {
            int end = indexOf(in, CRLF2);
            if (end < 0) {
                if (in.limit() > 16384) {
                    close("no HTTP upgrade reply");
                }
                return;
            }
            String head = new String(in.array(), in.arrayOffset() + in.position(), end - in.position(),
                    StandardCharsets.ISO_8859_1);
            in.position(end + CRLF2.length);
            if (!head.startsWith("HTTP/1.1 101")) {
                close("WebSocket upgrade refused: " + head.lines().findFirst().orElse(head));
                return;
            }
            if (!head.toLowerCase().contains("sec-websocket-protocol: " + subprotocol)) {
                close("the router did not accept subprotocol " + subprotocol);
                return;
            }
        } else {
            if (in.remaining() < 4) {
                return;
            }
            int reply = in.getInt();
            int serializer = (reply >>> 16) & 0x0F;
            if ((reply >>> 24) != 0x7F || serializer != rawSerializerId) {
                close(String.format("RawSocket handshake refused: reply 0x%08X", reply));
                return;
            }
        }
        state = State.OPEN;
        listener.opened(this);
    }

    private void webSocketFrames() {
        while (state == State.OPEN && in.remaining() >= 2) {
            int p = in.position();
            int b0 = in.get(p) & 0xFF;
            int b1 = in.get(p + 1) & 0xFF;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return;
                }
                length = in.getShort(p + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return;
                }
                length = in.getLong(p + 2);
                header = 10;
            }
            boolean masked = (b1 & 0x80) != 0;
            int maskKey = 0;
            if (masked) {
                if (in.remaining() < header + 4) {
                    return;
                }
                maskKey = in.getInt(p + header);
                header += 4;
            }
            if (length > MAX_MESSAGE) {
                close("frame of " + length + " bytes");
                return;
            }
            int total = header + (int) length;
            if (in.remaining() < total) {
                ensureIn(total);
                return;
            }
            byte[] a = in.array();
            int off = in.arrayOffset() + p + header;
            int len = (int) length;
            if (masked) {
                for (int i = 0; i < len; i++) {
                    a[off + i] ^= (byte) (maskKey >>> (24 - 8 * (i & 3)));
                }
            }
            in.position(p + total);
            webSocketFrame(b0 & 0x0F, (b0 & 0x80) != 0, a, off, len);
        }
    }

    private void webSocketFrame(int opcode, boolean fin, byte[] a, int off, int len) {
        switch (opcode) {
            case 0x0, 0x1, 0x2 -> {
                if (fin && fragments == null) {
                    listener.message(a, off, len);
                    return;
                }
                if (fragments == null) {
                    fragments = ByteBuffer.allocate(Math.max(1024, len * 2));
                }
                if (fragments.remaining() < len) {
                    ByteBuffer bigger = ByteBuffer.allocate((fragments.position() + len) * 2);
                    fragments.flip();
                    bigger.put(fragments);
                    fragments = bigger;
                }
                fragments.put(a, off, len);
                if (fin) {
                    ByteBuffer whole = fragments;
                    fragments = null;
                    listener.message(whole.array(), 0, whole.position());
                }
            }
            case 0x8 -> {
                writeWebSocketFrame(0x8, new byte[0]);
                markDirty();
                close("the router closed the WebSocket");
            }
            case 0x9 -> {
                byte[] ping = new byte[len];
                System.arraycopy(a, off, ping, 0, len);
                writeWebSocketFrame(0xA, ping);
                markDirty();
            }
            default -> {
                // PONG: nothing to do
            }
        }
    }

    private void rawSocketFrames() {
        while (state == State.OPEN && in.remaining() >= 4) {
            int p = in.position();
            int header = in.getInt(p);
            int type = (header >>> 24) & 0x07;
            int length = (header & 0x0800_0000) != 0 ? 1 << 24 : header & 0xFF_FFFF;
            if (in.remaining() < 4 + length) {
                ensureIn(4 + length);
                return;
            }
            in.position(p + 4 + length);
            int off = in.arrayOffset() + p + 4;
            switch (type) {
                case 0 -> listener.message(in.array(), off, length);
                case 1 -> { // PING: answer PONG with the same payload
                    ensureOut(4 + length);
                    out.putInt((2 << 24) | length);
                    out.put(in.array(), off, length);
                    markDirty();
                }
                default -> {
                    // PONG
                }
            }
        }
    }

    /** Makes room for a frame of {@code total} bytes at the read position (called with {@code in} flipped). */
    private void ensureIn(int total) {
        if (total > in.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(Integer.highestOneBit(total) << 1);
            bigger.put(in);
            bigger.flip();
            in = bigger;
        }
    }

    private static int indexOf(ByteBuffer b, byte[] what) {
        byte[] a = b.array();
        int start = b.arrayOffset() + b.position();
        int end = b.arrayOffset() + b.limit() - what.length;
        outer:
        for (int i = start; i <= end; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i - b.arrayOffset();
        }
        return -1;
    }

    // ---- closing ----

    void failed(Exception e) {
        close(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Flushes what is queued as far as the socket takes it now, then closes. */
    void close(String why) {
        if (state == State.CLOSED) {
            return;
        }
        if (channel != null && channel.isOpen() && out.position() > 0 && state == State.OPEN) {
            try {
                out.flip();
                channel.write(out);
            } catch (IOException e) {
                // closing anyway
            }
        }
        state = State.CLOSED;
        abort();
        listener.closed(why);
    }

    /** Closes the socket without a word; on any thread once the loop has stopped. */
    void abort() {
        state = State.CLOSED;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // gone anyway
        }
    }
}
