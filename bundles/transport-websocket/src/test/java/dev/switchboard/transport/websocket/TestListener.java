package dev.switchboard.transport.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.tls.TlsSettings;
import dev.switchboard.transport.jetty.ListenerThreads;

/** A started {@link WebSocketListener} with a {@link FakeRouter} and serializers that tests may change. */
final class TestListener implements AutoCloseable {

    static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

    final FakeRouter router = new FakeRouter();
    final List<Serializer> serializers = new CopyOnWriteArrayList<>();
    final ListenerSettings settings;
    final WebSocketListener listener;
    private boolean stopped;

    private TestListener(ListenerSettings settings, List<Serializer> installed) {
        this.settings = settings;
        serializers.addAll(installed);
        listener = new WebSocketListener(settings, router, () -> List.copyOf(serializers));
        listener.start();
    }

    static Builder builder() {
        return new Builder();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress tcpAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.tcpPort());
    }

    URI uri() {
        return URI.create((settings.hasTls() ? "wss" : "ws") + "://127.0.0.1:" + listener.tcpPort() + settings.path());
    }

    UnixDomainSocketAddress unixAddress() {
        return UnixDomainSocketAddress.of(settings.unixSocketPath());
    }

    void stop() {
        if (!stopped) {
            stopped = true;
            listener.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    static final class Builder {
        int port = freePort();
        String unixSocket = "";
        String webDirectory = "";
        String webPath = "/";
        int maxMessageSize = 64 * 1024;
        long maxPendingBytes = 1024 * 1024;
        int maxConnections = 10000;
        Duration idleTimeout = Duration.ofSeconds(30);
        Duration autoPingInterval = Duration.ZERO;
        List<Serializer> serializers = List.of(TestSerializer.json(), TestSerializer.msgpack());
        TlsSettings tls = TlsSettings.DISABLED;
        int acceptQueueSize = ListenerSettings.DEFAULT_ACCEPT_QUEUE_SIZE;
        int maxThreads = ListenerThreads.AUTOMATIC;

        Builder port(int value) { port = value; return this; }
        Builder unixSocket(Path value) { unixSocket = value.toString(); return this; }
        Builder webDirectory(String value) { webDirectory = value; return this; }
        Builder webPath(String value) { webPath = value; return this; }
        Builder maxMessageSize(int value) { maxMessageSize = value; return this; }
        Builder maxPendingBytes(long value) { maxPendingBytes = value; return this; }
        Builder maxConnections(int value) { maxConnections = value; return this; }
        Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        Builder autoPingInterval(Duration value) { autoPingInterval = value; return this; }
        Builder serializers(Serializer... value) { serializers = List.of(value); return this; }
        Builder tls(TlsSettings value) { tls = value; return this; }
        Builder acceptQueueSize(int value) { acceptQueueSize = value; return this; }
        Builder maxThreads(int value) { maxThreads = value; return this; }

        ListenerSettings settings() {
            return new ListenerSettings("test", "127.0.0.1", port, "/ws", unixSocket, webDirectory, webPath,
                    maxMessageSize, maxPendingBytes, maxConnections, idleTimeout, autoPingInterval, CLOSE_TIMEOUT, "",
                    tls, acceptQueueSize, maxThreads);
        }

        TestListener start() {
            return new TestListener(settings(), serializers);
        }
    }
}
