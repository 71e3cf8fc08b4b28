package dev.switchboard.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-written WebSocket client (RFC 6455) over a raw {@link SocketChannel}, for what java.net.http cannot do:
 * Unix domain sockets, fragmented messages, reading the HTTP refusal, not reading at all.
 */
final class RawWebSocketClient implements Closeable {

    static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    record RawFrame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    String body = "";

    private RawWebSocketClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        selector = Selector.open();
        key = channel.register(selector, 0);
    }

    /** Connects and sends the upgrade request; {@link #status} tells whether it was accepted (101). */
    static RawWebSocketClient connect(SocketAddress address, String path, String... subprotocols) throws IOException {
        return connect(address, 0, path, subprotocols);
    }

    /** As {@link #connect(SocketAddress, String, String...)}, with a small receive buffer when {@code receiveBuffer > 0}. */
    static RawWebSocketClient connect(SocketAddress address, int receiveBuffer, String path, String... subprotocols)
            throws IOException {
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        if (receiveBuffer > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        }
        channel.connect(address);
        RawWebSocketClient client = new RawWebSocketClient(channel);
        client.handshake(path, subprotocols);
        return client;
    }

    private void handshake(String path, String... subprotocols) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (subprotocols.length > 0) {
            request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", subprotocols)).append("\r\n");
        }
        write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        readResponseHead();
        if (status != 101 && headers.containsKey("content-length")) {
            body = new String(read(Integer.parseInt(headers.get("content-length")), deadline()), StandardCharsets.UTF_8);
        }
    }

    private void readResponseHead() throws IOException {
        long deadline = deadline();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(read(1, deadline)[0]);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        status = Integer.parseInt(lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
    }

    String acceptedSubprotocol() {
        return headers.get("sec-websocket-protocol");
    }

    void sendText(String text) throws IOException {
        sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendClose(int code) throws IOException {
        sendFrame(true, CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** Sends one masked frame, as clients must. */
    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        write(frame.toByteArray());
    }

    RawFrame readFrame() throws IOException {
        return readFrame(TIMEOUT);
    }

    RawFrame readFrame(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] head = read(2, deadline);
        long length = head[1] & 0x7F;
        if (length == 126) {
            length = ByteBuffer.wrap(read(2, deadline)).getShort() & 0xFFFF;
        } else if (length == 127) {
            length = ByteBuffer.wrap(read(8, deadline)).getLong();
        }
        return new RawFrame((head[0] & 0x80) != 0, head[0] & 0x0F, read((int) length, deadline));
    }

    /** Reads until a CLOSE frame and returns its status code, skipping data and PING frames. */
    int awaitCloseCode() throws IOException {
        while (true) {
            RawFrame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
    }

    /** Whether the server has closed the TCP/UDS connection within the timeout (data still arriving is skipped). */
    boolean awaitEndOfStream(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try {
            while (System.nanoTime() < deadline) {
                sink.clear();
                if (channel.read(sink) < 0) {
                    return true;
                }
                if (sink.position() == 0) {
                    await(SelectionKey.OP_READ, deadline);
                }
            }
        } catch (SocketTimeoutException timedOut) {
            return false;
        } catch (IOException reset) {
            return true;
        }
        return false;
    }

    private void write(byte[] bytes) throws IOException {
        long deadline = deadline();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    private byte[] read(int count, long deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new EOFException("connection closed after " + buffer.position() + " of " + count + " bytes");
            }
            if (read == 0) {
                await(SelectionKey.OP_READ, deadline);
            }
        }
        return buffer.array();
    }

    private void await(int operation, long deadline) throws IOException {
        long millis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (millis <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        key.interestOps(operation);
        selector.select(millis);
        selector.selectedKeys().clear();
        key.interestOps(0);
    }

    private static long deadline() {
        return System.nanoTime() + TIMEOUT.toNanos();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
