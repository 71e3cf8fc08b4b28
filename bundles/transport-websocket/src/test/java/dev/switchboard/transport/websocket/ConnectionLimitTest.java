package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxConnections: HTTP 503 at upgrade time beyond it, over TCP and the Unix domain socket together. */
class ConnectionLimitTest {

    @TempDir
    Path tempDir;

    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("limit-test", true);
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

    @BeforeEach
    void startScheduler() throws Exception {
        scheduler.start();
    }

    @AfterEach
    void stopScheduler() throws Exception {
        scheduler.stop();
    }

    @Test
    void connectionsBeyondTheLimitGet503OverTcpAndTheUnixSocketTogether() throws Exception {
        try (TestListener server = TestListener.builder().maxConnections(2).unixSocket(tempDir.resolve("ws.sock"))
                .start()) {
            RawWebSocketClient tcp = open(server.tcpAddress(), 101);
            RawWebSocketClient unix = open(server.unixAddress(), 101);
            server.router.nextSession();
            server.router.nextSession();
            assertEquals(2, server.listener.connectionCount());

            for (SocketAddress address : List.of(server.tcpAddress(), server.unixAddress())) {
                try (RawWebSocketClient refused = RawWebSocketClient.connect(address, "/ws", "wamp.2.json")) {
                    assertEquals(503, refused.status, "status over " + address);
                    assertTrue(refused.body.contains("Too many connections"), refused.body);
                }
            }
            assertEquals(2, server.listener.connectionCount(), "refused upgrades never become connections");

            tcp.close(); // gives its place back once the server sees it closed
            awaitConnectionCount(server, 1);
            try (RawWebSocketClient again = open(server.unixAddress(), 101)) {
                server.router.nextSession();
            }
            unix.close();
        }
    }

    @Test
    void aRefusedSubprotocolDoesNotKeepItsPlace() throws Exception {
        try (TestListener server = TestListener.builder().maxConnections(1).start()) {
            for (int i = 0; i < 3; i++) {
                try (RawWebSocketClient wrong = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.xml")) {
                    assertEquals(400, wrong.status);
                }
            }
            try (RawWebSocketClient right = open(server.tcpAddress(), 101)) {
                server.router.nextSession();
            }
        }
    }

    @Test
    void admitsUpToTheLimitAndCountsEachReleaseOnce() {
        ConnectionLimit limit = limit(2, Duration.ofMinutes(1));
        ConnectionLimit.Slot first = limit.tryAdmit();
        ConnectionLimit.Slot second = limit.tryAdmit();
        assertNotNull(first);
        assertNotNull(second);
        assertNull(limit.tryAdmit());

        first.release();
        first.release(); // onClosed after a failed open, say: still one place
        assertEquals(1, limit.taken());
        assertNotNull(limit.tryAdmit());
        assertNull(limit.tryAdmit());
    }

    @Test
    void refusalsAreLoggedAtMostOncePerSecond() {
        ConnectionLimit limit = limit(1, Duration.ofMinutes(1));
        limit.tryAdmit();
        for (int i = 0; i < 1000; i++) {
            assertNull(limit.tryAdmit());
            clock.addAndGet(Duration.ofMillis(1).toNanos() / 2); // 1000 refusals in half a second
        }
        assertEquals(1, limit.refusalLogLines(), "one line for the burst");

        clock.addAndGet(ConnectionLimit.LOG_INTERVAL.toNanos());
        assertNull(limit.tryAdmit());
        assertEquals(2, limit.refusalLogLines(), "the next refusal a second later gets the next line");
    }

    @Test
    void aPlaceWhoseConnectionNeverOpensIsGivenBack() throws Exception {
        ConnectionLimit limit = limit(1, Duration.ofMillis(50));
        assertNotNull(limit.tryAdmit()); // Jetty dropped the upgrade: neither onOpen nor onClosed will come
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (limit.taken() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertNotNull(limit.tryAdmit());
    }

    @Test
    void anOpenedConnectionKeepsItsPlaceUntilItCloses() throws Exception {
        ConnectionLimit limit = limit(1, Duration.ofMillis(20));
        ConnectionLimit.Slot slot = limit.tryAdmit();
        slot.opened();
        Thread.sleep(200);
        assertNull(limit.tryAdmit(), "the open timeout no longer applies");
        slot.release();
        assertNotNull(limit.tryAdmit());
    }

    private ConnectionLimit limit(int max, Duration openTimeout) {
        return new ConnectionLimit("test", max, scheduler, openTimeout, clock::get);
    }

    private static RawWebSocketClient open(SocketAddress address, int expectedStatus) throws Exception {
        RawWebSocketClient client = RawWebSocketClient.connect(address, "/ws", "wamp.2.json");
        assertEquals(expectedStatus, client.status, "status over " + address);
        return client;
    }

    private static void awaitConnectionCount(TestListener server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.listener.connectionCount() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, server.listener.connectionCount());
    }
}
