package dev.switchboard.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A listener's Jetty threads: a bounded pool, sized so that Jetty accepts it on every machine. */
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
}
