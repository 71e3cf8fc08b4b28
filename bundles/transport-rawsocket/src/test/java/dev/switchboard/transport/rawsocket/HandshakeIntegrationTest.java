package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.serializer.Serializer;

/** The opening handshake over TCP: accepted and refused clients, and what the router learns of them. */
class HandshakeIntegrationTest {

    private final FakeRouter router = new FakeRouter();
    private final List<Serializer> serializers = new CopyOnWriteArrayList<>(List.of(new TextTestSerializer()));
    private RawSocketListener listener;

    private RawSocketListener start(TestListeners.Settings settings) {
        listener = TestListeners.start(settings, router, serializers);
        return listener;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (listener != null) {
            listener.stop();
            assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, Duration.ofSeconds(5)));
        }
        router.assertContractKept();
    }

    @Test
    void acceptedHandshakeEchoesTheSerializerAndAnnouncesOurMaxLength() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        settings.maxMessageSize = 1 << 20; // L = 11
        start(settings);
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.handshake(15, 1);
            assertArrayEquals(new byte[] {0x7F, (byte) 0xB1, 0, 0}, client.read(4));
            FakeRouter.Session session = router.awaitSession(0, RawSocketTestClient.TIMEOUT);
            TransportDetails details = session.peer.details();
            assertEquals("rawsocket", details.transport());
            assertEquals("rawsocket://127.0.0.1:" + settings.port, details.listener());
            assertTrue(details.peerAddress().startsWith("tcp4:127.0.0.1:"), details.peerAddress());
            assertEquals("text", details.serializer());
            assertEquals(1, listener.connectionCount());
        }
        assertTrue(router.sessions.get(0).awaitClosed(RawSocketTestClient.TIMEOUT));
        assertEquals(1, router.sessions.get(0).closedCalls.get());
    }

    @Test
    void serializerIsChosenAmongThoseRegisteredAtHandshakeTime() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        start(settings);
        serializers.add(new TextTestSerializer("cbor-ish", 3)); // registered after the listener started
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.handshake(0, 3);
            assertArrayEquals(new byte[] {0x7F, (byte) 0x73, 0, 0}, client.read(4));
            assertEquals("cbor-ish", router.awaitSession(0, RawSocketTestClient.TIMEOUT).peer.details().serializer());
        }
    }

    @Test
    void unknownSerializerGetsError1ThenClose() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        start(settings);
        for (int serializerId : new int[] {2, 0, 15}) {
            try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
                client.handshake(15, serializerId);
                assertArrayEquals(new byte[] {0x7F, 0x10, 0, 0}, client.read(4), "serializer " + serializerId);
                assertEquals(0, client.awaitClosed(RawSocketTestClient.TIMEOUT));
            }
        }
        assertTrue(router.sessions.isEmpty(), "refused clients never reach the router");
    }

    @Test
    void nonZeroReservedOctetsGetError3ThenClose() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        start(settings);
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.write(0x7F, 0xF1, 0x00, 0x01);
            assertArrayEquals(new byte[] {0x7F, 0x30, 0, 0}, client.read(4));
            assertEquals(0, client.awaitClosed(RawSocketTestClient.TIMEOUT));
        }
    }

    @Test
    void connectionBeyondMaxConnectionsGetsError4AndTheSlotIsFreedOnClose() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        settings.maxConnections = 1;
        start(settings);
        try (RawSocketTestClient first = RawSocketTestClient.connected(settings.port)) {
            try (RawSocketTestClient second = RawSocketTestClient.tcp(settings.port)) {
                second.handshake(15, 1);
                assertArrayEquals(new byte[] {0x7F, 0x40, 0, 0}, second.read(4));
                assertEquals(0, second.awaitClosed(RawSocketTestClient.TIMEOUT));
            }
            first.sendMessage("1|still.works");
            assertEquals("1|still.works", first.readMessage());
        }
        assertTrue(router.sessions.get(0).awaitClosed(RawSocketTestClient.TIMEOUT));
        try (RawSocketTestClient third = RawSocketTestClient.connected(settings.port)) {
            third.sendMessage("1|third");
            assertEquals("1|third", third.readMessage());
        }
    }

    @Test
    void wrongMagicOctetIsClosedWithoutReply() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        start(settings);
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.write("GET / HTTP/1.1\r\n\r\n".getBytes());
            assertEquals(0, client.awaitClosed(RawSocketTestClient.TIMEOUT), "no byte is sent back");
        }
        assertTrue(router.sessions.isEmpty());
        assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, RawSocketTestClient.TIMEOUT));
    }

    @Test
    void handshakeSplitAcrossWritesIsAccepted() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        start(settings);
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            for (int octet : new int[] {0x7F, 0xF1, 0, 0}) {
                client.write(octet);
                Thread.sleep(20);
            }
            assertEquals(0x7F, client.read(4)[0]);
            client.sendMessage("1|split");
            assertEquals("1|split", client.readMessage());
        }
    }

    @Test
    void clientThatNeverCompletesTheHandshakeIsClosedAfterTheTimeout() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        settings.handshakeTimeout = Duration.ofMillis(300);
        start(settings);
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.write(0x7F, 0xF1); // half a handshake
            long start = System.nanoTime();
            assertEquals(0, client.awaitClosed(RawSocketTestClient.TIMEOUT));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
        }
        assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, RawSocketTestClient.TIMEOUT));
    }
}
