package dev.switchboard.itest.osgi;

import static dev.switchboard.itest.osgi.WampClient.INVOCATION;
import static dev.switchboard.itest.osgi.WampClient.JSON;
import static dev.switchboard.itest.osgi.WampClient.REGISTERED;
import static dev.switchboard.itest.osgi.WampClient.RESULT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

import dev.switchboard.api.router.TransportListener;

/**
 * A WebSocket listener configured at run time speaks WAMP with JSON, and offers exactly the serializers registered
 * at the moment of each upgrade: stopping the JSON serializer bundle withdraws {@code wamp.2.json} without
 * restarting the listener, starting it again brings it back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketTransportTest {

    static final String JSON_SERIALIZER_BUNDLE = "dev.switchboard.serializer.json";
    static final String JSON_SERIALIZER_FILTER = "(wamp.serializer=json)";

    private static Configuration realm;
    private static Node.Listener listener;

    @BeforeAll
    static void startRealmAndListener() {
        realm = Node.createRealm("itest");
        listener = Node.createWebSocketListener("itest");
    }

    @AfterAll
    static void stopRealmAndListener() {
        if (listener != null) {
            Node.deleteAndAwait(listener.config());
        }
        Node.deleteAndAwait(realm);
    }

    @Test
    @Order(1)
    void aJsonClientJoinsAndAnRpcCallIsRoutedBetweenTwoSessions() {
        try (WampClient callee = WampClient.connect(listener.uri(), JSON);
             WampClient caller = WampClient.connect(listener.uri(), JSON)) {
            assertEquals(JSON, callee.subprotocol(), "negotiated subprotocol");

            List<Object> welcome = callee.join("itest");
            assertEquals(Long.class, welcome.get(1).getClass(), () -> "WELCOME.Session is an id: " + welcome);
            caller.join("itest");

            callee.send("[64,1,{},\"itest.add\"]");
            List<Object> registered = callee.expect(REGISTERED);
            assertEquals(1L, registered.get(1), () -> "REGISTERED answers REGISTER.Request: " + registered);
            Object registration = registered.get(2);

            caller.send("[48,7,{},\"itest.add\",[2,3]]");
            List<Object> invocation = callee.expect(INVOCATION);
            assertEquals(registration, invocation.get(2), () -> "INVOCATION.Registration: " + invocation);
            assertEquals(List.of(2L, 3L), invocation.get(4), () -> "INVOCATION.Arguments: " + invocation);

            callee.send("[70," + invocation.get(1) + ",{},[5]]");
            List<Object> result = caller.expect(RESULT);
            assertEquals(List.of(RESULT, 7L, Map.of(), List.of(5L)), result, "RESULT to CALL 7");
        }
        assertListenerNotRestarted();
    }

    @Test
    @Order(2)
    void jsonIsOfferedExactlyWhileTheSerializerBundleIsActive() throws Exception {
        Bundle serializer = Node.requireBundle(JSON_SERIALIZER_BUNDLE);
        try {
            serializer.stop();
            Node.awaitNoReference(JSON_SERIALIZER_FILTER);
            assertEquals(400, WampClient.refusedUpgradeStatus(listener.uri(), JSON),
                    "HTTP status of an upgrade offering only " + JSON + " while no JSON serializer is registered");
            assertListenerNotRestarted();
        } finally {
            serializer.start();
        }
        Node.awaitReference(JSON_SERIALIZER_FILTER);

        try (WampClient client = WampClient.connect(listener.uri(), JSON)) {
            assertEquals(JSON, client.subprotocol(), "negotiated subprotocol once the serializer is back");
            client.join("itest");
        }
        assertListenerNotRestarted();
    }

    @Test
    @Order(3)
    void anUpgradeOfferingNoKnownSubprotocolIsRefused() {
        assertEquals(400, WampClient.refusedUpgradeStatus(listener.uri(), "wamp.2.unknown"),
                "HTTP status of an upgrade offering only an unknown subprotocol");
        assertListenerNotRestarted();
    }

    /** The TransportListener registered at the start is still the one registered: the listener never restarted. */
    private static void assertListenerNotRestarted() {
        ServiceReference<?>[] now = Node.references(
                "(&(objectClass=" + TransportListener.class.getName() + ")" + Node.pidFilter(listener.config()) + ")");
        assertEquals(1, now.length, "TransportListener services of the itest listener");
        assertEquals(listener.serviceId(), now[0].getProperty(Constants.SERVICE_ID),
                "service.id of the TransportListener (a new one means the listener was restarted)");
    }
}
