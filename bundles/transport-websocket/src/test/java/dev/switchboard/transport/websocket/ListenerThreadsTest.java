package dev.switchboard.transport.websocket;

import static dev.switchboard.transport.websocket.TestSerializer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's Jetty threads: a bounded pool that Jetty accepts, and the accept queue of both sockets. */
class ListenerThreadsTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @TempDir
    Path tempDir;

    @Test
    void theAutomaticPoolIsFourThreadsPerProcessorFromEightToSixtyFour() {
        assertEquals(8, ListenerThreads.automaticMaxThreads(1));
        assertEquals(8, ListenerThreads.automaticMaxThreads(2));
        assertEquals(16, ListenerThreads.automaticMaxThreads(4));
        assertEquals(64, ListenerThreads.automaticMaxThreads(16));
        assertEquals(64, ListenerThreads.automaticMaxThreads(256));
    }

    @Test
    void eachSocketHasOneAcceptorAndHalfTheProcessorsAsSelectorsFromOneToFour() {
        assertEquals(1, ListenerThreads.ACCEPTORS);
        assertEquals(1, new ListenerThreads(8, 2, 1).selectors());
        assertEquals(1, new ListenerThreads(8, 2, 2).selectors());
        assertEquals(2, new ListenerThreads(16, 2, 4).selectors());
        assertEquals(4, new ListenerThreads(64, 2, 64).selectors());
    }

    @Test
    void theMinimumLeavesOneThreadBesideAcceptorsSelectorsAndTheReservedThread() {
        assertEquals(4, ListenerThreads.minimumMaxThreads(1, 2)); // 1 acceptor + 1 selector + 1 reserved + 1
        assertEquals(6, ListenerThreads.minimumMaxThreads(2, 2));
        assertEquals(12, ListenerThreads.minimumMaxThreads(2, 64)); // 2 x (1 + 4) + 1 + 1
        assertThrows(IllegalArgumentException.class, () -> new ListenerThreads(5, 2, 2));
    }

    @Test
    void theAutomaticPoolLeavesThreadsToWorkOnEveryMachine() {
        for (int processors = 1; processors <= 512; processors++) {
            for (int connectors = 1; connectors <= 2; connectors++) {
                int max = ListenerThreads.automaticMaxThreads(processors);
                assertTrue(max >= ListenerThreads.minimumMaxThreads(connectors, processors) + 2,
                        processors + " processors, " + connectors + " sockets: " + max + " threads");
            }
        }
    }

    @Test
    void thePoolIsBoundedNamedAndGivesABurstsThreadsBack() {
        QueuedThreadPool pool = new ListenerThreads(8, 2, 2).newPool("websocket-test");

        assertEquals(8, pool.getMaxThreads());
        assertEquals(ListenerThreads.MIN_THREADS, pool.getMinThreads());
        assertEquals(30_000, pool.getIdleTimeout());
        assertEquals(8, pool.getMaxEvictCount(), "every idle thread may end in one idle timeout");
        assertEquals(1, pool.getReservedThreads());
        assertEquals("websocket-test", pool.getName());
    }

    /** The minimum is exactly Jetty's: with one thread less, Jetty refuses to start. */
    @Test
    void jettyStartsWithTheMinimumAndRefusesOneThreadLess() throws Exception {
        int minimum = ListenerThreads.minimumMaxThreads(2, PROCESSORS);
        ListenerThreads threads = new ListenerThreads(minimum, 2, PROCESSORS);
        Server enough = jettyWithTwoSockets(threads.newPool("enough"), threads, "enough.sock");
        try {
            enough.start();
        } finally {
            enough.stop();
        }

        QueuedThreadPool oneLess = threads.newPool("one-less");
        oneLess.setMaxThreads(minimum - 1);
        Server tooSmall = jettyWithTwoSockets(oneLess, threads, "too-small.sock");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, tooSmall::start);
            assertTrue(e.getMessage().contains("Insufficient configured threads"), e.getMessage());
        } finally {
            tooSmall.stop();
        }
    }

    @Test
    void byDefaultTheListenerHasTheAutomaticPoolAndAnAcceptQueueOf1024() throws Exception {
        try (TestListener server = TestListener.builder().unixSocket(tempDir.resolve("ws.sock")).start()) {
            Server jetty = server.listener.jetty();
            QueuedThreadPool pool = (QueuedThreadPool) jetty.getThreadPool();
            assertEquals(ListenerThreads.automaticMaxThreads(PROCESSORS), pool.getMaxThreads());
            assertEquals("websocket-test", pool.getName());
            assertEquals(2, jetty.getConnectors().length);
            for (Connector connector : jetty.getConnectors()) {
                assertEquals(1024, acceptQueueSize(connector), connector.toString());
                assertEquals(ListenerThreads.ACCEPTORS, ((AbstractConnector) connector).getAcceptors());
            }
        }
    }

    @Test
    void theSmallestPoolServesManyClientsOnBothSockets() throws Exception {
        int minimum = ListenerThreads.minimumMaxThreads(2, PROCESSORS);
        List<RawWebSocketClient> clients = new ArrayList<>();
        try (TestListener server = TestListener.builder().unixSocket(tempDir.resolve("ws.sock"))
                .maxThreads(minimum).acceptQueueSize(700).start()) {
            Server jetty = server.listener.jetty();
            for (Connector connector : jetty.getConnectors()) {
                assertEquals(700, acceptQueueSize(connector), connector.toString());
            }
            for (int i = 0; i < 20; i++) {
                clients.add(RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json"));
                clients.add(RawWebSocketClient.connect(server.unixAddress(), "/ws", "wamp.2.json"));
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).sendText(text("client " + i));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertEquals(text("client " + i),
                        new String(clients.get(i).readFrame().payload(), StandardCharsets.UTF_8));
            }
            QueuedThreadPool pool = (QueuedThreadPool) jetty.getThreadPool();
            assertEquals(minimum, pool.getMaxThreads());
            assertTrue(pool.getThreads() <= minimum, pool.toString());
        } finally {
            for (RawWebSocketClient client : clients) {
                client.close();
            }
        }
    }

    private Server jettyWithTwoSockets(QueuedThreadPool pool, ListenerThreads threads, String socket) {
        Server jetty = new Server(pool);
        ServerConnector tcp = new ServerConnector(jetty, ListenerThreads.ACCEPTORS, threads.selectors(),
                new HttpConnectionFactory());
        tcp.setHost("127.0.0.1");
        tcp.setPort(0);
        jetty.addConnector(tcp);
        UnixDomainServerConnector unix = new UnixDomainServerConnector(jetty, ListenerThreads.ACCEPTORS,
                threads.selectors(), new HttpConnectionFactory());
        unix.setUnixDomainPath(tempDir.resolve(socket));
        jetty.addConnector(unix);
        return jetty;
    }

    private static int acceptQueueSize(Connector connector) {
        return connector instanceof ServerConnector tcp ? tcp.getAcceptQueueSize()
                : ((UnixDomainServerConnector) connector).getAcceptQueueSize();
    }
}
