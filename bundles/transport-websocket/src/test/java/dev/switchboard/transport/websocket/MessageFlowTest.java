package dev.switchboard.transport.websocket;

import static dev.switchboard.transport.websocket.RawWebSocketClient.BINARY;
import static dev.switchboard.transport.websocket.RawWebSocketClient.CONTINUATION;
import static dev.switchboard.transport.websocket.RawWebSocketClient.TEXT;
import static dev.switchboard.transport.websocket.TestSerializer.goodbye;
import static dev.switchboard.transport.websocket.TestSerializer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.transport.websocket.FakeRouter.FakeSession;
import dev.switchboard.transport.websocket.RawWebSocketClient.RawFrame;

class MessageFlowTest {

    private static final int MAX_MESSAGE_SIZE = 1000;

    @TempDir
    Path tempDir;

    private final TestSerializer json = TestSerializer.json();
    private final TestSerializer msgpack = TestSerializer.msgpack();
    private TestListener server;

    @BeforeEach
    void start() {
        server = TestListener.builder()
                .unixSocket(tempDir.resolve("ws.sock"))
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .serializers(json, msgpack)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void messageRoundTripOverTcp() throws Exception {
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("wamp.2.json")
                .buildAsync(server.uri(), collectingTextInto(replies))
                .get(5, TimeUnit.SECONDS);

        webSocket.sendText(text("over tcp"), true).get(5, TimeUnit.SECONDS);

        FakeSession session = server.router.nextSession();
        assertEquals(goodbye("over tcp"), session.nextMessage());
        assertEquals(text("over tcp"), replies.poll(5, TimeUnit.SECONDS));
        TransportDetails details = session.peer.details();
        assertEquals("websocket", details.transport());
        assertEquals("ws://127.0.0.1:" + server.listener.tcpPort() + "/ws", details.listener());
        assertTrue(details.peerAddress().startsWith("tcp4:127.0.0.1:"), details.peerAddress());
        assertEquals("json", details.serializer());
        webSocket.abort();
    }

    @Test
    void messageRoundTripOverUnixSocket() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.unixAddress(), "/ws", "wamp.2.json")) {
            assertEquals(101, client.status);
            client.sendText(text("over unix"));

            FakeSession session = server.router.nextSession();
            assertEquals(goodbye("over unix"), session.nextMessage());
            RawFrame reply = client.readFrame();
            assertEquals(TEXT, reply.opcode());
            assertEquals(text("over unix"), reply.text());
            assertEquals("unix", session.peer.details().peerAddress());
            assertEquals("ws+unix:" + tempDir.resolve("ws.sock"), session.peer.details().listener());
        }
    }

    @Test
    void binarySerializerTravelsInBinaryFrames() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.msgpack")) {
            client.sendFrame(true, BINARY, bytes(text("binary")));

            assertEquals(goodbye("binary"), server.router.nextSession().nextMessage());
            RawFrame reply = client.readFrame();
            assertEquals(BINARY, reply.opcode());
            assertEquals(text("binary"), reply.text());
        }
    }

    @Test
    void fragmentedMessageReachesTheRouterWhole() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendFrame(false, TEXT, bytes("GOOD"));
            client.sendFrame(false, CONTINUATION, bytes("BYE frag"));
            client.sendFrame(true, CONTINUATION, bytes("mented"));

            FakeSession session = server.router.nextSession();
            assertEquals(goodbye("fragmented"), session.nextMessage());
            assertEquals(text("fragmented"), client.readFrame().text());
            assertTrue(session.received.isEmpty());
        }
    }

    @Test
    void oversizeMessageClosesWith1009AndTellsTheRouterOnce() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendText(text("x".repeat(MAX_MESSAGE_SIZE)));

            assertEquals(1009, client.awaitCloseCode());
            FakeSession session = server.router.nextSession();
            session.awaitClosed();
            assertTrue(session.received.isEmpty());
            assertClosedOnceAfterConnectionIsGone(session);
        }
    }

    @Test
    void oversizeFragmentedMessageClosesWith1009() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendFrame(false, TEXT, bytes("GOODBYE " + "x".repeat(MAX_MESSAGE_SIZE / 2)));
            client.sendFrame(true, CONTINUATION, bytes("y".repeat(MAX_MESSAGE_SIZE / 2)));

            assertEquals(1009, client.awaitCloseCode());
            FakeSession session = server.router.nextSession();
            assertClosedOnceAfterConnectionIsGone(session);
            assertTrue(session.received.isEmpty());
        }
    }

    @Test
    void undecodableMessageIsAProtocolViolation() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendText("[1, \"not for this serializer\"");

            FakeSession session = server.router.nextSession();
            String reason = session.violations.poll(5, TimeUnit.SECONDS);
            assertTrue(reason != null && reason.contains("not a test message"), reason);
            assertEquals(1000, client.awaitCloseCode(), "the router closed the peer");
            client.sendClose(1000);
            assertClosedOnceAfterConnectionIsGone(session);
            assertTrue(session.received.isEmpty());
        }
    }

    @Test
    void textMessageOnBinarySerializerIsAProtocolViolation() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.msgpack")) {
            client.sendText(text("wrong frame type"));

            FakeSession session = server.router.nextSession();
            String reason = session.violations.poll(5, TimeUnit.SECONDS);
            assertTrue(reason != null && reason.contains("text message on wamp.2.msgpack"), reason);
            assertTrue(session.received.isEmpty());
        }
    }

    @Test
    void routerBackpressurePausesReadingUntilResumed() throws Exception {
        server.router.wantsMore = false;
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendText(text("first"));
            client.sendText(text("second"));

            FakeSession session = server.router.nextSession();
            assertEquals(goodbye("first"), session.nextMessage());
            assertNull(session.received.poll(300, TimeUnit.MILLISECONDS), "read on although the router said stop");

            server.router.wantsMore = true;
            session.peer.resumeReading();
            assertEquals(goodbye("second"), session.nextMessage());
        }
    }

    @Test
    void messageSentToManyPeersIsEncodedOnce() throws Exception {
        server.router.echo = false;
        try (RawWebSocketClient first = connect("wamp.2.json"); RawWebSocketClient second = connect("wamp.2.json")) {
            FakeSession one = server.router.nextSession();
            FakeSession two = server.router.nextSession();
            Goodbye event = goodbye("to everyone");

            one.peer.send(event);
            two.peer.send(event);

            assertEquals(text("to everyone"), first.readFrame().text());
            assertEquals(text("to everyone"), second.readFrame().text());
            assertEquals(1, json.encodes.get());
        }
    }

    @Test
    void peerCloseSendsQueuedMessagesFirstThenNormalClose() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            FakeSession session = server.router.nextSession();

            session.peer.send(goodbye("one"));
            session.peer.send(goodbye("two"));
            session.peer.close();
            session.peer.send(goodbye("after close"));

            assertEquals(text("one"), client.readFrame().text());
            assertEquals(text("two"), client.readFrame().text());
            RawFrame close = client.readFrame();
            assertEquals(RawWebSocketClient.CLOSE, close.opcode());
            assertEquals(1000, close.closeCode());
            client.sendClose(1000);
            assertClosedOnceAfterConnectionIsGone(session);
        }
    }

    @Test
    void peerThatNeverAnswersTheCloseIsDroppedAfterTheCloseTimeout() throws Exception {
        try (RawWebSocketClient silent = connect("wamp.2.json")) {
            FakeSession session = server.router.nextSession();

            session.peer.close();

            assertEquals(1000, silent.awaitCloseCode());
            assertTrue(silent.awaitEndOfStream(TestListener.CLOSE_TIMEOUT.multipliedBy(4)), "still connected");
            assertClosedOnceAfterConnectionIsGone(session);
        }
    }

    @Test
    void clientCloseTellsTheRouterExactlyOnce() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            FakeSession session = server.router.nextSession();

            client.sendClose(1000);

            assertEquals(1000, client.awaitCloseCode());
            assertClosedOnceAfterConnectionIsGone(session);
            session.peer.send(goodbye("too late")); // must neither throw nor count
            assertEquals(0, session.overlappingCalls.get());
        }
    }

    @Test
    void droppedConnectionTellsTheRouterExactlyOnce() throws Exception {
        FakeSession session;
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            session = server.router.nextSession();
        }
        assertClosedOnceAfterConnectionIsGone(session);
    }

    private RawWebSocketClient connect(String subprotocol) throws Exception {
        RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws", subprotocol);
        assertEquals(101, client.status);
        return client;
    }

    private void assertClosedOnceAfterConnectionIsGone(FakeSession session) throws Exception {
        session.awaitClosed();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.listener.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.listener.connectionCount());
        assertEquals(1, session.closedCalls.get());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static WebSocket.Listener collectingTextInto(BlockingQueue<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
