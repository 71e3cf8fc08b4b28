package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.switchboard.transport.jetty.ListenerThreads;

/** The listener's Jetty threads (a bounded pool that Jetty accepts) and the accept queue of both sockets. */
class ListenerThreadsTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    private final FakeRouter router = new FakeRouter();
    private final TestListeners.Settings settings = new TestListeners.Settings();
    private RawSocketListener listener;

    @TempDir
    Path tempDir;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
    }

    @Test
    void theDefaultsAreAnAcceptQueueOf1024AndTheAutomaticPool() {
        RawSocketSettings defaults = RawSocketSettings.from(RawSocketTransportComponentTest.config(Map.of()));

        assertEquals(1024, defaults.acceptQueueSize());
        assertEquals(ListenerThreads.automaticMaxThreads(PROCESSORS), defaults.maxThreads());
        assertEquals(8, ListenerThreads.automaticMaxThreads(2));
        assertEquals(64, ListenerThreads.automaticMaxThreads(64));
    }

    @Test
    void invalidValuesAreRejectedNamingTheProperty() {
        int forTcp = ListenerThreads.minimumMaxThreads(1, PROCESSORS);
        int forBoth = ListenerThreads.minimumMaxThreads(2, PROCESSORS);

        assertRejected(Map.of("acceptQueueSize", 0), "'acceptQueueSize' must be between 1 and 65535 (was: 0)");
        assertRejected(Map.of("acceptQueueSize", 65536), "'acceptQueueSize' must be between 1 and 65535");
        assertRejected(Map.of("maxThreads", forTcp - 1), "'maxThreads' must be 0 (automatic) or at least " + forTcp);
        assertRejected(Map.of("maxThreads", forBoth - 1, "unixSocket", "run/rs.sock"),
                "'maxThreads' must be 0 (automatic) or at least " + forBoth);
        assertRejected(Map.of("maxThreads", -1), "'maxThreads'");
        assertEquals(forTcp, RawSocketSettings.from(RawSocketTransportComponentTest.config(
                Map.of("maxThreads", forTcp))).maxThreads());
    }

    @Test
    void thePoolIsBoundedNamedAndGivesABurstsThreadsBack() {
        settings.unixSocket = tempDir.resolve("rs.sock").toString();
        listener = TestListeners.start(settings, router);
        Server jetty = listener.jetty();

        QueuedThreadPool pool = (QueuedThreadPool) jetty.getThreadPool();
        assertEquals(ListenerThreads.automaticMaxThreads(PROCESSORS), pool.getMaxThreads());
        assertEquals(ListenerThreads.MIN_THREADS, pool.getMinThreads());
        assertEquals(30_000, pool.getIdleTimeout());
        assertEquals(pool.getMaxThreads(), pool.getMaxEvictCount());
        assertEquals("rawsocket-" + settings.name, pool.getName());
        assertEquals(2, jetty.getConnectors().length);
        for (Connector connector : jetty.getConnectors()) {
            assertEquals(1024, acceptQueueSize(connector), connector.toString());
            assertEquals(ListenerThreads.ACCEPTORS, ((AbstractConnector) connector).getAcceptors());
        }
    }

    /** The smallest pool the settings allow: Jetty starts with it, and it serves clients on both sockets. */
    @Test
    void theSmallestPoolServesManyClientsOnBothSockets() throws Exception {
        int minimum = ListenerThreads.minimumMaxThreads(2, PROCESSORS);
        Path socket = tempDir.resolve("rs.sock");
        settings.unixSocket = socket.toString();
        settings.maxThreads = minimum;
        settings.acceptQueueSize = 700;
        listener = TestListeners.start(settings, router);
        for (Connector connector : listener.jetty().getConnectors()) {
            assertEquals(700, acceptQueueSize(connector), connector.toString());
        }

        List<RawSocketTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(RawSocketTestClient.connected(settings.port));
                RawSocketTestClient unix = RawSocketTestClient.unix(socket);
                unix.handshake(15, 1);
                assertEquals(0x7F, unix.read(4)[0]);
                clients.add(unix);
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).sendMessage("1|client." + i);
            }
            for (int i = 0; i < clients.size(); i++) {
                assertEquals("1|client." + i, clients.get(i).readMessage());
            }
            QueuedThreadPool pool = (QueuedThreadPool) listener.jetty().getThreadPool();
            assertEquals(minimum, pool.getMaxThreads());
            assertTrue(pool.getThreads() <= minimum, pool.toString());
        } finally {
            for (RawSocketTestClient client : clients) {
                client.close();
            }
        }
        assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, Duration.ofSeconds(5)));
    }

    @Test
    void aPoolBelowTheMinimumIsRefusedBeforeJettySeesIt() {
        assertThrows(IllegalArgumentException.class,
                () -> new ListenerThreads(ListenerThreads.minimumMaxThreads(2, 2) - 1, 2, 2));
        assertEquals(6, ListenerThreads.minimumMaxThreads(2, 2));
        assertEquals(12, ListenerThreads.minimumMaxThreads(2, 64));
    }

    private static void assertRejected(Map<String, Object> overrides, String expected) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> RawSocketSettings.from(RawSocketTransportComponentTest.config(overrides)));
        assertTrue(failure.getMessage().startsWith("RawSocket transport property " + expected), failure.getMessage());
    }

    private static int acceptQueueSize(Connector connector) {
        return connector instanceof ServerConnector tcp ? tcp.getAcceptQueueSize()
                : ((UnixDomainServerConnector) connector).getAcceptQueueSize();
    }
}
