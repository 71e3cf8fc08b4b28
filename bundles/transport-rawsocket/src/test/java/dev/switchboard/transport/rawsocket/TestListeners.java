package dev.switchboard.transport.rawsocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.io.ByteBufferPool;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.tls.TlsSettings;
import dev.switchboard.transport.jetty.ListenerThreads;

/** Builds settings with test-friendly values and starts listeners on free ports. */
final class TestListeners {

    /** Mutable so that each test changes what it is about and nothing else. */
    static final class Settings {
        String name = "rawsocket";
        int port = freePort();
        String unixSocket = "";
        int maxMessageSize = 1 << 16;
        int maxConnections = 100;
        long maxPendingBytes = 1 << 20;
        Duration handshakeTimeout = Duration.ofSeconds(5);
        Duration idleTimeout = Duration.ofSeconds(30);
        Duration pingInterval = Duration.ZERO;
        Duration closeTimeout = Duration.ofSeconds(2);
        TlsSettings tls = TlsSettings.DISABLED;
        int acceptQueueSize = RawSocketSettings.DEFAULT_ACCEPT_QUEUE_SIZE;
        int maxThreads = ListenerThreads.AUTOMATIC;

        RawSocketSettings build() {
            return new RawSocketSettings(name, "127.0.0.1", port, unixSocket, maxMessageSize, maxConnections,
                    maxPendingBytes, handshakeTimeout, idleTimeout, pingInterval, closeTimeout, "", tls,
                    acceptQueueSize, maxThreads);
        }
    }

    private TestListeners() {}

    static RawSocketListener start(Settings settings, FakeRouter router, List<Serializer> serializers) {
        return start(settings, router, serializers, null);
    }

    static RawSocketListener start(Settings settings, FakeRouter router, List<Serializer> serializers,
                                   ByteBufferPool bufferPool) {
        RawSocketListener listener = new RawSocketListener(settings.build(), router,
                () -> List.copyOf(serializers), bufferPool);
        listener.start();
        return listener;
    }

    static RawSocketListener start(Settings settings, FakeRouter router) {
        return start(settings, router, new CopyOnWriteArrayList<>(List.of(new TextTestSerializer())));
    }

    /** A port nobody listens on right now (the listener needs a fixed port: 0 means "no TCP" in its config). */
    static int freePort() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the listener's connection count drops to {@code expected}; returns the last count seen. */
    static int awaitConnectionCount(RawSocketListener listener, int expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (listener.connectionCount() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return listener.connectionCount();
    }
}
