package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.api.message.Hello;
import dev.switchboard.api.uri.WampErrors;

/** Frames after the handshake: round trips, split and joined frames, PING/PONG and frames the spec forbids. */
class FramingIntegrationTest {

    private static final Duration TIMEOUT = RawSocketTestClient.TIMEOUT;

    private final FakeRouter router = new FakeRouter();
    private final TestListeners.Settings settings = new TestListeners.Settings();
    private RawSocketListener listener;

    @TempDir
    Path tempDir;

    @AfterEach
    void stop() throws InterruptedException {
        if (listener != null) {
            listener.stop();
            assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, Duration.ofSeconds(5)));
        }
        router.assertContractKept();
        for (FakeRouter.Session session : router.sessions) {
            assertEquals(1, session.closedCalls.get(), "closed() exactly once");
        }
    }

    @Test
    void messageRoundTripOverTcp() throws Exception {
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.sendMessage("1|realm1");
            assertEquals("1|realm1", client.readMessage());
            assertEquals(new Hello("realm1", java.util.Map.of()),
                    router.awaitSession(0, TIMEOUT).awaitReceived(0, TIMEOUT));
        }
        assertTrue(router.sessions.get(0).awaitClosed(TIMEOUT));
    }

    @Test
    void messageRoundTripOverUnixSocketAndSocketFileLifecycle() throws Exception {
        Path socket = tempDir.resolve("run/rawsocket.sock");
        Files.createDirectories(socket.getParent());
        // a stale socket file, as left by a process that died: bound, never listened on
        try (var stale = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            stale.bind(java.net.UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        settings.port = 0;
        settings.unixSocket = socket.toString();
        listener = TestListeners.start(settings, router);
        assertEquals(List.of("rawsocket+unix:" + socket), listener.addresses());
        try (RawSocketTestClient client = RawSocketTestClient.unix(socket)) {
            client.handshake(15, 1);
            assertEquals(0x7F, client.read(4)[0]);
            client.sendMessage("1|over.unix");
            assertEquals("1|over.unix", client.readMessage());
            assertEquals("unix", router.awaitSession(0, TIMEOUT).peer.details().peerAddress());
            assertEquals("rawsocket+unix:" + socket, router.sessions.get(0).peer.details().listener());
        }
        assertTrue(router.sessions.get(0).awaitClosed(TIMEOUT));
        listener.stop();
        listener = null;
        assertFalse(Files.exists(socket), "socket file removed at stop");
    }

    @Test
    void headerAndPayloadSplitAcrossWritesAreReassembled() throws Exception {
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            byte[] frame = RawSocketTestClient.frame(0, "1|fragmented.delivery".getBytes(StandardCharsets.UTF_8));
            for (int[] cut : new int[][] {{0, 2}, {2, 4}, {4, 9}, {9, frame.length}}) { // header 2+2, payload 5+rest
                client.write(java.util.Arrays.copyOfRange(frame, cut[0], cut[1]));
                Thread.sleep(30); // separate TCP segments
            }
            assertEquals("1|fragmented.delivery", client.readMessage());
        }
    }

    @Test
    void largeMessageArrivingInManyReadsIsAssembled() throws Exception {
        settings.maxMessageSize = 1 << 20;
        listener = TestListeners.start(settings, router);
        String big = "1|" + "r".repeat(600_000);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.sendMessage(big);
            assertEquals(big, client.readMessage());
        }
    }

    @Test
    void manyFramesInOneWriteAreAllDeliveredInOrder() throws Exception {
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            ByteBuffer joined = ByteBuffer.allocate(100 * 32);
            for (int i = 0; i < 100; i++) {
                joined.put(RawSocketTestClient.frame(0, ("1|m" + i).getBytes(StandardCharsets.UTF_8)));
            }
            client.write(java.util.Arrays.copyOf(joined.array(), joined.position()));
            for (int i = 0; i < 100; i++) {
                assertEquals("1|m" + i, client.readMessage());
            }
        }
    }

    @Test
    void pingIsAnsweredWithPongCarryingTheSamePayload() throws Exception {
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            byte[] payload = {1, 2, 3, (byte) 0xFF, 0};
            client.write(RawSocketTestClient.frame(1, payload));
            RawSocketTestClient.Frame pong = client.readFrame();
            assertEquals(2, pong.type());
            assertArrayEquals(payload, pong.payload());
            client.write(RawSocketTestClient.frame(1, new byte[0]));
            assertEquals(0, client.readFrame().payload().length);
            assertTrue(router.awaitSession(0, TIMEOUT).received.isEmpty(), "PING is no WAMP message");
        }
    }

    @Test
    void routerPingsAndClosesWhenNoPongComes() throws Exception {
        settings.pingInterval = Duration.ofMillis(200);
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            for (int i = 0; i < 3; i++) { // answered: stays open
                RawSocketTestClient.Frame ping = client.readFrame();
                assertEquals(1, ping.type());
                client.write(RawSocketTestClient.frame(2, ping.payload()));
            }
            assertEquals(1, client.readFrame().type()); // not answered
            client.awaitClosed(TIMEOUT);
        }
        assertTrue(router.sessions.get(0).awaitClosed(TIMEOUT));
    }

    @Test
    void frameLongerThanAnnouncedMaxClosesTheConnection() throws Exception {
        listener = TestListeners.start(settings, router); // 64 KiB
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.write(ByteBuffer.allocate(5).putInt((1 << 16) + 1).put((byte) '1').array());
            client.awaitClosed(TIMEOUT);
        }
        assertTrue(router.awaitSession(0, TIMEOUT).awaitClosed(TIMEOUT));
        assertTrue(router.sessions.get(0).received.isEmpty());
    }

    @Test
    void reservedFrameTypesAndBitsCloseTheConnection() throws Exception {
        listener = TestListeners.start(settings, router);
        int[] badHeaders = {0x0300_0001, 0x0700_0001, 0x1000_0001, 0x8000_0001, 0x0800_0001};
        for (int header : badHeaders) {
            try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
                client.write(ByteBuffer.allocate(5).putInt(header).put((byte) 'x').array());
                assertEquals(0, client.awaitClosed(TIMEOUT), "header 0x" + Integer.toHexString(header));
            }
        }
        for (FakeRouter.Session session : router.sessions) {
            assertTrue(session.awaitClosed(TIMEOUT));
        }
    }

    @Test
    void undecodableMessageIsReportedAsProtocolViolation() throws Exception {
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.sendMessage("999|what");
            client.sendMessage("1|ignored.after.violation");
            assertEquals("3|" + WampErrors.PROTOCOL_VIOLATION, client.readMessage());
            client.awaitClosed(TIMEOUT);
        }
        FakeRouter.Session session = router.sessions.get(0);
        assertTrue(session.awaitClosed(TIMEOUT));
        assertEquals(1, session.protocolViolations.size());
        assertTrue(session.protocolViolations.get(0).contains("999|what"), session.protocolViolations.toString());
        assertTrue(session.received.isEmpty(), "nothing after the violation reaches the router");
    }

    @Test
    void readingPausesUntilTheRouterResumes() throws Exception {
        router.reaction = (session, message) -> false; // inbox full after every message
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.sendMessage("1|a");
            client.sendMessage("1|b");
            FakeRouter.Session session = router.awaitSession(0, TIMEOUT);
            session.awaitReceived(0, TIMEOUT);
            Thread.sleep(200);
            assertEquals(1, session.received.size(), "b waits for resumeReading()");
            session.peer.resumeReading();
            session.awaitReceived(1, TIMEOUT);
            session.peer.resumeReading();
            session.peer.resumeReading(); // spurious resumes are harmless
            client.sendMessage("1|c");
            session.awaitReceived(2, TIMEOUT);
        }
    }

    @Test
    void closeByTheRouterSendsEverythingQueuedFirst() throws Exception {
        router.reaction = (session, message) -> {
            for (int i = 0; i < 500; i++) {
                session.peer.send(new Hello("queued." + i, java.util.Map.of()));
            }
            session.peer.close();
            session.peer.send(new Hello("after.close", java.util.Map.of())); // dropped
            return true;
        };
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.sendMessage("1|go");
            for (int i = 0; i < 500; i++) {
                assertEquals("1|queued." + i, client.readMessage());
            }
            assertThrows(java.io.EOFException.class, client::readFrame);
        }
        assertTrue(router.sessions.get(0).awaitClosed(TIMEOUT));
    }

    @Test
    void closeByTheRouterCompletesEvenIfTheClientNeverCloses() throws Exception {
        router.reaction = (session, message) -> {
            session.peer.close();
            return true;
        };
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.sendMessage("1|bye");
            assertThrows(java.io.EOFException.class, client::readFrame); // our FIN
            assertTrue(router.sessions.get(0).awaitClosed(TIMEOUT), "closed by the close timeout");
        }
    }
}
