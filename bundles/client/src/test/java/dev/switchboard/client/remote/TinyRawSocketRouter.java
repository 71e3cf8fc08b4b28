package dev.switchboard.client.remote;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.serializer.json.JsonSerializer;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny RawSocket router written from the spec's framing, independent of the client's code: accepts the
 * handshake (or refuses it), PINGs every client right after HELLO, answers HELLO with WELCOME, echoes CALL
 * arguments in a RESULT and answers GOODBYE. Thread per connection, blocking I/O.
 */
final class TinyRawSocketRouter implements AutoCloseable {
    static final byte[] PING_PAYLOAD = "are-you-there".getBytes(StandardCharsets.US_ASCII);

    final BlockingQueue<byte[]> handshakes = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    /** Handshake reply's second octet: {@code LLLL 0001} to accept JSON, {@code EEEE 0000} to refuse. */
    volatile int handshakeReply = (11 << 4) | 1;
    /** Close each connection right after sending WELCOME, to test reconnecting. */
    volatile boolean dropAfterWelcome;

    private final JsonSerializer json = new JsonSerializer();
    private final ServerSocketChannel server;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionIds = new AtomicLong(100);
    private final Path unixSocket;

    private TinyRawSocketRouter(ServerSocketChannel server, Path unixSocket) {
        this.server = server;
        this.unixSocket = unixSocket;
        Thread acceptor = new Thread(this::acceptLoop, "tiny-router-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TinyRawSocketRouter tcp() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        return new TinyRawSocketRouter(server, null);
    }

    static TinyRawSocketRouter unix(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new TinyRawSocketRouter(server, socket);
    }

    String url() throws IOException {
        SocketAddress address = server.getLocalAddress();
        return unixSocket != null ? "rawsocket+unix://" + unixSocket.toAbsolutePath()
                : "rawsocket://127.0.0.1:" + ((InetSocketAddress) address).getPort();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                connections.add(channel);
                Thread t = new Thread(() -> serve(channel), "tiny-router-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            ByteBuffer handshake = readExactly(channel, 4);
            handshakes.add(handshake.array());
            channel.write(ByteBuffer.wrap(new byte[] {0x7F, (byte) handshakeReply, 0, 0}));
            if ((handshakeReply & 0x0F) == 0) {
                return;
            }
            while (serveFrame(channel)) {
                // one frame at a time until GOODBYE or a drop
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } finally {
            connections.remove(channel);
        }
    }

    private boolean serveFrame(SocketChannel channel) throws IOException {
        int header = readExactly(channel, 4).getInt(0);
        byte[] payload = readExactly(channel, header & 0xFF_FFFF).array();
        int type = (header >>> 24) & 0x07;
        if (type == 2) {
            pongs.add(payload);
            return true;
        }
        Message m;
        try {
            m = json.decode(payload, 0, payload.length);
        } catch (dev.switchboard.api.serializer.DecodeException e) {
            throw new IOException(e);
        }
        received.add(m);
        if (m instanceof Hello) {
            writeFrame(channel, 1, PING_PAYLOAD);
            write(channel, new Welcome(sessionIds.incrementAndGet(), Map.of("authid", "tiny", "authrole", "user")));
            return !dropAfterWelcome;
        }
        if (m instanceof Call c) {
            write(channel, new Result(c.request(), Map.of(), c.args(), c.kwargs()));
        } else if (m instanceof Goodbye) {
            write(channel, new Goodbye(Map.of(), "wamp.close.goodbye_and_out"));
            return false;
        }
        return true;
    }

    private void write(SocketChannel channel, Message m) throws IOException {
        writeFrame(channel, 0, json.encode(m));
    }

    private static void writeFrame(SocketChannel channel, int type, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length);
        frame.putInt((type << 24) | payload.length).put(payload).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    private static ByteBuffer readExactly(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException();
            }
        }
        return buffer;
    }

    /** Drops every open connection, as a crashing router would. */
    void dropConnections() throws IOException {
        for (SocketChannel c : connections) {
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        if (unixSocket != null) {
            Files.deleteIfExists(unixSocket);
        }
    }
}
