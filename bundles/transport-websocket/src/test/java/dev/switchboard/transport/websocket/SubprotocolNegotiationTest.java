package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.api.serializer.Serializer;

class SubprotocolNegotiationTest {

    private final TestSerializer json = TestSerializer.json();
    private final TestSerializer msgpack = TestSerializer.msgpack();
    private TestListener server;

    @BeforeEach
    void start() {
        server = TestListener.builder().serializers(json, msgpack).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void firstOfferedSubprotocolThatIsInstalledWins() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        WebSocket webSocket = http.newWebSocketBuilder()
                .subprotocols("wamp.2.cbor", "wamp.2.msgpack", "wamp.2.json")
                .buildAsync(server.uri(), new WebSocket.Listener() {})
                .get(5, TimeUnit.SECONDS);

        assertEquals("wamp.2.msgpack", webSocket.getSubprotocol());
        assertEquals("msgpack", server.router.nextSession().peer.details().serializer());
        webSocket.abort();
    }

    @Test
    void noInstalledSubprotocolOfferedIsRefusedWith400() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.cbor")) {
            assertEquals(400, client.status);
            assertTrue(client.body.contains("wamp.2.json, wamp.2.msgpack"), client.body);
        }
    }

    @Test
    void noSubprotocolOfferedIsRefusedWith400() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws")) {
            assertEquals(400, client.status);
            assertTrue(client.body.contains("Supported: wamp.2.json, wamp.2.msgpack"), client.body);
        }
    }

    @Test
    void serializerRemovedAtRuntimeIsNoLongerOffered() throws Exception {
        try (RawWebSocketClient before = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json")) {
            assertEquals(101, before.status);

            server.serializers.remove(json);

            try (RawWebSocketClient after = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json")) {
                assertEquals(400, after.status);
                assertTrue(after.body.contains("Supported: wamp.2.msgpack"), after.body);
            }
            before.sendText(TestSerializer.text("still here"));
            assertEquals(TestSerializer.text("still here"), before.readFrame().text(), "open connections keep theirs");
        }
    }

    @Test
    void serializerAddedAtRuntimeIsOffered() throws Exception {
        Serializer cbor = TestSerializer.cbor();
        server.serializers.add(cbor);

        try (RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.cbor")) {
            assertEquals(101, client.status);
            assertEquals("wamp.2.cbor", client.acceptedSubprotocol());
        }
    }

    @Test
    void noSerializerInstalledIsRefusedWith400() throws Exception {
        server.serializers.clear();

        try (RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json")) {
            assertEquals(400, client.status);
            assertTrue(client.body.contains("No WAMP serializer"), client.body);
        }
    }

    @Test
    void otherPathsAnswer404() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/other", "wamp.2.json")) {
            assertEquals(404, client.status);
        }
    }
}
