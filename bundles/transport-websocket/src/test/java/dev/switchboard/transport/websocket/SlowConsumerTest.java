package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.api.message.Goodbye;
import dev.switchboard.transport.websocket.FakeRouter.FakeSession;

class SlowConsumerTest {

    private static final long MAX_PENDING_BYTES = 64 * 1024;

    @Test
    void peerThatStopsReadingIsClosedInsteadOfBuffered() throws Exception {
        try (TestListener server = TestListener.builder().maxPendingBytes(MAX_PENDING_BYTES).start();
             RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), 4096, "/ws", "wamp.2.json")) {
            FakeSession session = server.router.nextSession();
            Goodbye bigEvent = TestSerializer.goodbye("x".repeat(4096));

            int sent = sendUntilClosed(session, bigEvent, 100_000);

            assertTrue(sent < 100_000, "never closed the slow consumer");
            session.awaitClosed();
            assertEquals(1, session.closedCalls.get());
            assertTrue(client.awaitEndOfStream(Duration.ofSeconds(5)), "connection not dropped");
            awaitNoConnections(server);
            assertEquals(1, session.closedCalls.get());
            session.peer.send(bigEvent); // after the close: dropped quietly
        }
    }

    @Test
    void connectionLostWhileTheRouterIsConnectingItIsStillReportedOnce(@TempDir Path tempDir) throws Exception {
        try (TestListener server = TestListener.builder().port(0).unixSocket(tempDir.resolve("ws.sock"))
                .maxPendingBytes(MAX_PENDING_BYTES).start()) {
            Goodbye bigEvent = TestSerializer.goodbye("x".repeat(4096));
            server.router.onConnect = peer -> { // a welcome flood: the peer is gone before connect returns
                for (int i = 0; i < 10_000; i++) {
                    peer.send(bigEvent);
                }
                awaitNoConnections(server);
            };
            try (RawWebSocketClient client = RawWebSocketClient.connect(server.unixAddress(), 4096, "/ws",
                    "wamp.2.json")) {
                FakeSession session = server.router.nextSession();

                session.awaitClosed();
                awaitNoConnections(server);
                assertEquals(1, session.closedCalls.get());
            }
        }
    }

    /** Plays a busy publisher: sends as fast as it can until the transport gives up on the peer. */
    private static int sendUntilClosed(FakeSession session, Goodbye event, int limit) {
        int sent = 0;
        while (sent < limit && session.closedCalls.get() == 0) {
            session.peer.send(event);
            sent++;
        }
        return sent;
    }

    private static void awaitNoConnections(TestListener server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.listener.connectionCount() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(0, server.listener.connectionCount());
    }
}
