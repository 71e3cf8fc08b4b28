package dev.switchboard.transport.rawsocket;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A hand-written RawSocket client over a non-blocking {@link SocketChannel} (TCP or Unix domain socket), every read
 * bounded by a timeout. It writes exactly the bytes a test gives it, so tests can split, join and corrupt frames.
 */
final class RawSocketTestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One frame read from the router. */
    record Frame(int type, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final SocketChannel channel;
    private final Selector selector;

    private RawSocketTestClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
    }

    static RawSocketTestClient tcp(int port) throws IOException {
        return new RawSocketTestClient(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
    }

    /**
     * From a chosen loopback source address: many short connections from 127.0.0.1 alone keep hitting the
     * router's TIME_WAIT entries for reused ports, and each such hit costs a 1 s SYN retransmission.
     */
    static RawSocketTestClient tcpFrom(String sourceHost, int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(sourceHost, 0));
            channel.connect(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new RawSocketTestClient(channel);
    }

    static RawSocketTestClient unix(java.nio.file.Path socket) throws IOException {
        return new RawSocketTestClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    static RawSocketTestClient connect(SocketAddress address) throws IOException {
        return new RawSocketTestClient(SocketChannel.open(address));
    }

    /** A client that has completed the handshake: JSON id 1, accepts up to 16 MiB. */
    static RawSocketTestClient connected(int port) throws IOException, TimeoutException {
        RawSocketTestClient client = tcp(port);
        client.handshake(15, 1);
        byte[] reply = client.read(4);
        if ((reply[1] & 0x0F) == 0) {
            throw new IOException("handshake refused: 0x" + Integer.toHexString(reply[1] & 0xFF));
        }
        return client;
    }

    SocketChannel channel() {
        return channel;
    }

    void handshake(int lengthExponent, int serializerId) throws IOException {
        write(0x7F, (lengthExponent << 4) | serializerId, 0, 0);
    }

    void write(int... octets) throws IOException {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        write(bytes);
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                try {
                    awaitReady(SelectionKey.OP_WRITE, TIMEOUT);
                } catch (TimeoutException e) { // the router does not read: an I/O failure for the caller
                    throw new java.net.SocketTimeoutException(e.getMessage());
                }
            }
        }
    }

    /** Header and payload of one frame, as one write. */
    static byte[] frame(int type, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt((type << 24) | payload.length).put(payload).array();
    }

    void sendMessage(String text) throws IOException {
        write(frame(0, text.getBytes(StandardCharsets.UTF_8)));
    }

    Frame readFrame() throws IOException, TimeoutException {
        int header = ByteBuffer.wrap(read(4)).getInt();
        int length = (header & 0x0800_0000) != 0 ? 1 << 24 : header & 0xFF_FFFF;
        return new Frame((header >>> 24) & 0x07, read(length));
    }

    /** The next WAMP message's text; skips nothing, fails on PING/PONG. */
    String readMessage() throws IOException, TimeoutException {
        Frame frame = readFrame();
        if (frame.type() != 0) {
            throw new IOException("expected a message frame, got type " + frame.type());
        }
        return frame.text();
    }

    byte[] read(int count) throws IOException, TimeoutException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new EOFException("closed by the router after " + buffer.position() + " of " + count + " bytes");
            }
            if (read == 0) {
                awaitReady(SelectionKey.OP_READ, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        }
        return buffer.array();
    }

    /**
     * Reads and discards until the router closes the connection.
     *
     * @return the number of bytes discarded before the end of the stream
     * @throws TimeoutException when the connection stays open
     */
    long awaitClosed(Duration timeout) throws IOException, TimeoutException {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        long discarded = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int read;
            try {
                read = channel.read(sink.clear());
            } catch (IOException reset) {
                return discarded;
            }
            if (read < 0) {
                return discarded;
            }
            discarded += read;
            if (read == 0) {
                awaitReady(SelectionKey.OP_READ, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        }
    }

    /** Closes with a TCP reset instead of a FIN (no effect on Unix sockets). */
    void abort() throws IOException {
        if (channel.getRemoteAddress() instanceof InetSocketAddress) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        close();
    }

    private void awaitReady(int operation, Duration timeout) throws IOException, TimeoutException {
        SelectionKey key = channel.register(selector, operation);
        try {
            if (selector.select(Math.max(1, timeout.toMillis())) == 0) {
                throw new TimeoutException("nothing to " + (operation == SelectionKey.OP_READ ? "read" : "write")
                        + " within " + timeout);
            }
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
