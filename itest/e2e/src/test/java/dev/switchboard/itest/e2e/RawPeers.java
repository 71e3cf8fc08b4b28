package dev.switchboard.itest.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Hand-made WAMP peers for the hostile-client tests: a WebSocket (RFC 6455) client and a RawSocket client that can
 * send anything, including what no real client would (garbage, truncated and oversized frames), and read what the
 * router answers. WAMP messages are encoded with Jackson in each serializer (JSON, MsgPack, CBOR).
 */
final class RawPeers {
    private RawPeers() {
    }

    /** A serializer: its WebSocket subprotocol, RawSocket id and a Jackson mapper for it. */
    enum Codec {
        JSON("wamp.2.json", 1, new ObjectMapper()),
        MSGPACK("wamp.2.msgpack", 2, new ObjectMapper(new MessagePackFactory())),
        CBOR("wamp.2.cbor", 3, new ObjectMapper(new CBORFactory()));

        final String subprotocol;
        final int rawSocketId;
        private final ObjectMapper mapper;

        Codec(String subprotocol, int rawSocketId, ObjectMapper mapper) {
            this.subprotocol = subprotocol;
            this.rawSocketId = rawSocketId;
            this.mapper = mapper;
        }

        byte[] encode(Object message) {
            try {
                return mapper.writeValueAsBytes(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<?> decode(byte[] bytes) {
            try {
                return mapper.readValue(bytes, List.class);
            } catch (IOException e) {
                throw new AssertionError("the router sent something that is not a " + this + " list: "
                        + new String(bytes, StandardCharsets.ISO_8859_1), e);
            }
        }

        /** Bytes that are not a valid document in this serializer. */
        byte[] garbage() {
            return switch (this) {
                case JSON -> "{[}\u0001 not json".getBytes(StandardCharsets.UTF_8);
                case MSGPACK -> new byte[] {(byte) 0xc1, (byte) 0xc1, (byte) 0xc1}; // 0xc1: "never used"
                case CBOR -> new byte[] {(byte) 0x1c, (byte) 0xff, (byte) 0xff};   // reserved additional info, stray breaks
            };
        }

        boolean binary() {
            return this != JSON;
        }
    }

    static final Map<String, Object> CLIENT_ROLES = Map.of("roles", Map.of("caller", Map.of(), "callee", Map.of(),
            "publisher", Map.of(), "subscriber", Map.of()));

    static List<Object> hello(String realm) {
        return List.of(1, realm, CLIENT_ROLES);
    }

    static Socket connect(int port) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to port " + port, e);
        }
    }

    /** Closes with a TCP reset (SO_LINGER 0): the peer sees a connection that dropped. */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Reads until the peer closes; true if it did within the timeout. */
    static boolean closedWithin(Socket socket, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    if (in.read(sink) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // reset by the peer
        }
    }

    /** What arrived on a connection until the router closed it (or the time ran out). */
    record Received(List<byte[]> messages, Integer closeCode, boolean closed) {
        List<List<?>> decoded(Codec codec) {
            List<List<?>> out = new ArrayList<>();
            for (byte[] m : messages) {
                out.add(codec.decode(m));
            }
            return out;
        }
    }

    /** A WebSocket client (RFC 6455) that sends frames as told, masked as a client must. */
    static final class WebSocketPeer implements AutoCloseable {
        private static final SecureRandom RANDOM = new SecureRandom();
        final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        IOException writeFailed;

        private WebSocketPeer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Connects and completes the upgrade with the codec's subprotocol; fails unless the router accepts it. */
        static WebSocketPeer open(int port, Codec codec) {
            Socket socket = connect(port);
            try {
                WebSocketPeer peer = new WebSocketPeer(socket);
                peer.upgrade(port, codec.subprotocol);
                return peer;
            } catch (IOException e) {
                reset(socket);
                throw new UncheckedIOException(e);
            }
        }

        private void upgrade(int port, String subprotocol) throws IOException {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed during the upgrade: " + head);
                }
                head.write(b);
            }
            String response = head.toString(StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 101") || !response.toLowerCase().contains(
                    "sec-websocket-protocol: " + subprotocol)) {
                throw new IOException("upgrade to " + subprotocol + " refused: " + response);
            }
        }

        void send(Codec codec, Object message) {
            sendFrame(true, codec.binary() ? 2 : 1, codec.encode(message));
        }

        void sendFrame(boolean fin, int opcode, byte[] payload) {
            writeRaw(frame(fin, opcode, payload, payload.length));
        }

        /** A frame header that announces {@code announced} payload bytes, followed by {@code payload} (maybe fewer). */
        static byte[] frame(boolean fin, int opcode, byte[] payload, long announced) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write((fin ? 0x80 : 0) | opcode);
            if (announced < 126) {
                f.write(0x80 | (int) announced);
            } else if (announced < 65536) {
                f.write(0x80 | 126);
                f.write((int) (announced >> 8));
                f.write((int) announced);
            } else {
                f.write(0x80 | 127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) (announced >> (8 * i)));
                }
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            f.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                f.write(payload[i] ^ mask[i % 4]);
            }
            return f.toByteArray();
        }

        /**
         * Writes; a router that already closed the connection (as it should after bad input) makes the write fail,
         * which is recorded, not thrown: what the router sent before closing is what the tests check.
         */
        void writeRaw(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                writeFailed = e;
            }
        }

        /** Reads data messages until the router closes the connection (close frame or EOF) or the time runs out. */
        Received readUntilClosed(Duration timeout) {
            List<byte[]> messages = new ArrayList<>();
            ByteArrayOutputStream partial = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        return new Received(messages, null, false);
                    }
                    socket.setSoTimeout((int) left);
                    int b0 = in.read();
                    if (b0 < 0) {
                        return new Received(messages, null, true);
                    }
                    int b1 = readByte();
                    long length = b1 & 0x7f;
                    if (length == 126) {
                        length = (readByte() << 8) | readByte();
                    } else if (length == 127) {
                        length = 0;
                        for (int i = 0; i < 8; i++) {
                            length = (length << 8) | readByte();
                        }
                    }
                    byte[] payload = in.readNBytes((int) length);
                    int opcode = b0 & 0x0f;
                    if (opcode == 8) {
                        Integer code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : null;
                        return new Received(messages, code, true);
                    }
                    if (opcode == 9 || opcode == 10) {
                        continue;
                    }
                    partial.writeBytes(payload);
                    if ((b0 & 0x80) != 0) {
                        messages.add(partial.toByteArray());
                        partial.reset();
                    }
                }
            } catch (SocketTimeoutException e) {
                return new Received(messages, null, false);
            } catch (IOException e) {
                return new Received(messages, null, true);
            }
        }

        /** The next data message, or fails. */
        List<?> receive(Codec codec, Duration timeout) {
            try {
                socket.setSoTimeout((int) timeout.toMillis());
                int b0 = readByte();
                int b1 = readByte();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                if ((b0 & 0x0f) == 8) {
                    throw new AssertionError("the router closed the WebSocket instead of answering");
                }
                return codec.decode(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        @Override
        public void close() {
            reset(socket);
        }
    }

    /** A RawSocket client (advanced/transport_rawsocket). */
    static final class RawSocketPeer implements AutoCloseable {
        final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        IOException writeFailed;
        /** The longest frame payload received by {@link #receive}. */
        int largestFrame;

        RawSocketPeer(int port) {
            this.socket = connect(port);
            try {
                this.in = socket.getInputStream();
                this.out = socket.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends the 4-octet handshake and returns the router's 4-octet reply (or fewer octets if it closed). */
        byte[] handshake(int first, int second, int third, int fourth) {
            writeRaw(new byte[] {(byte) first, (byte) second, (byte) third, (byte) fourth});
            try {
                socket.setSoTimeout(10_000);
                return in.readNBytes(4);
            } catch (IOException e) {
                return new byte[0];
            }
        }

        /** A regular handshake: 0x7F, max length 2^(9+lengthExponent), the codec's serializer id; checks the reply. */
        static RawSocketPeer open(int port, Codec codec, int lengthExponent) {
            RawSocketPeer peer = new RawSocketPeer(port);
            byte[] reply = peer.handshake(0x7f, (lengthExponent << 4) | codec.rawSocketId, 0, 0);
            if (reply.length != 4 || reply[0] != 0x7f || (reply[1] & 0x0f) != codec.rawSocketId) {
                peer.close();
                throw new AssertionError("RawSocket handshake for " + codec + " refused: " + hex(reply));
            }
            return peer;
        }

        void send(Codec codec, Object message) {
            sendFrame(0, codec.encode(message));
        }

        void sendFrame(int type, byte[] payload) {
            writeRaw(header(type, payload.length));
            writeRaw(payload);
        }

        static byte[] header(int type, int length) {
            return new byte[] {(byte) type, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
        }

        /**
         * Writes; a router that already closed the connection (as it should after bad input) makes the write fail,
         * which is recorded, not thrown: what the router sent before closing is what the tests check.
         */
        void writeRaw(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                writeFailed = e;
            }
        }

        /** The next WAMP message (PINGs are answered by nobody here and skipped). */
        List<?> receive(Codec codec, Duration timeout) {
            try {
                socket.setSoTimeout((int) timeout.toMillis());
                while (true) {
                    byte[] head = in.readNBytes(4);
                    if (head.length < 4) {
                        throw new AssertionError("the router closed the RawSocket connection instead of answering");
                    }
                    int length = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
                    largestFrame = Math.max(largestFrame, length);
                    byte[] payload = in.readNBytes(length);
                    if ((head[0] & 0x07) == 0) {
                        return codec.decode(payload);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** WAMP messages until the router closes the connection (or the time runs out). */
        Received readUntilClosed(Duration timeout) {
            List<byte[]> messages = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        return new Received(messages, null, false);
                    }
                    socket.setSoTimeout((int) left);
                    byte[] head = in.readNBytes(4);
                    if (head.length < 4) {
                        return new Received(messages, null, true);
                    }
                    int length = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
                    byte[] payload = in.readNBytes(length);
                    if ((head[0] & 0x07) == 0) {
                        messages.add(payload);
                    }
                }
            } catch (SocketTimeoutException e) {
                return new Received(messages, null, false);
            } catch (IOException e) {
                return new Received(messages, null, true);
            }
        }

        @Override
        public void close() {
            reset(socket);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder("[");
        for (byte b : bytes) {
            s.append(String.format(" %02x", b & 0xff));
        }
        return s.append(" ]").toString();
    }
}
