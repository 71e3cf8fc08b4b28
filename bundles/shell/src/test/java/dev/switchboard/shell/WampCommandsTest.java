package dev.switchboard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.router.TransportListener;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WampCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeRouterAdmin router = new FakeRouterAdmin();
    private final WampCommands commands = new WampCommands(router, List.of(
            Map.entry(Map.of("name", "websocket", "service.id", 7L), listener("websocket", 2,
                    "ws://127.0.0.1:8080/ws")),
            Map.entry(Map.of("service.pid", "dev.switchboard.transport.rawsocket~b", "service.id", 8L),
                    listener("rawsocket", 0, "rs://127.0.0.1:8081"))),
            Clock.fixed(FakeRouterAdmin.T0.plusSeconds(90), ZoneOffset.UTC));

    @Test
    void unknownRealmFailsWithTheRoutersMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.sessions(false, "nope"));
        assertEquals("no realm 'nope'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> commands.registrations(false, "nope"));
        assertThrows(IllegalArgumentException.class, () -> commands.subscriptions(false, "nope"));
        assertEquals("no realm 'nope'",
                assertThrows(IllegalArgumentException.class, () -> commands.stats(false, "nope")).getMessage());
    }

    @Test
    void unknownOrMalformedSessionFails() {
        assertEquals("no session 99", assertThrows(IllegalArgumentException.class,
                () -> commands.session(false, "99")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.session(false, "bob"))
                .getMessage().contains("whole number"));
        assertEquals("no session 99", assertThrows(IllegalArgumentException.class,
                () -> commands.kill(false, "", "99")).getMessage());
    }

    @Test
    void sessionShowsOnlyItsOwnSubscriptions() throws Exception {
        String text = commands.session(false, "42");
        assertTrue(text.contains("subscriptions (1)\nID  TOPIC         MATCH   SUBSCRIBERS  CREATED\n"
                + "21  com.example.  prefix            1  2026-01-02T03:04:05Z\n"), text);
        assertTrue(text.contains("registrations (0)\n"), text);
        JsonNode json = JSON.readTree(commands.session(true, "42"));
        assertEquals("com.example.", json.get("subscriptions").get(0).get("topic").asText());
        assertEquals(0, json.get("registrations").size());
        assertTrue(json.get("pendingOutboundBytes").isNull(), "unknown pending bytes are null in JSON");
    }

    @Test
    void jsonOptionPrintsParseableJsonWithStableFieldNames() throws Exception {
        JsonNode realms = JSON.readTree(commands.realms(true));
        assertEquals("realm1", realms.get(0).get("name").asText());
        assertEquals(12, realms.get(0).get("messagesIn").asLong());
        JsonNode sessions = JSON.readTree(commands.sessions(true));
        assertEquals(2, sessions.size());
        assertEquals("2026-01-02T03:04:05Z", sessions.get(0).get("joined").asText());
        JsonNode stats = JSON.readTree(commands.stats(true));
        assertEquals(1, stats.get(0).get("errorsByUri").get("wamp.error.no_such_procedure").asInt());
        JsonNode transports = JSON.readTree(commands.transports(true));
        assertEquals(2, transports.get(1).get("connections").asInt());
    }

    @Test
    void transportsAreListedByNameFallingBackToThePid() {
        assertEquals("""
                LISTENER                               TRANSPORT  CONNECTIONS  ADDRESSES
                dev.switchboard.transport.rawsocket~b  rawsocket            0  rs://127.0.0.1:8081
                websocket                              websocket            2  ws://127.0.0.1:8080/ws
                """, commands.transports(false));
    }

    @Test
    void killPassesReasonAndMessage() {
        assertEquals("killed session 42 (wamp.close.killed)\n", commands.kill(false, "", "42"));
        assertEquals("killed session 42 (wamp.close.normal)\n",
                commands.kill(false, "maintenance", "42", "wamp.close.normal"));
        assertEquals(List.of("42 null null", "42 wamp.close.normal maintenance"), router.kills);
    }

    @Test
    void callParsesEachArgumentAsJsonElseString() {
        assertEquals("args:   [5]\n", commands.call(false, "", "30", "realm1", "com.example.add", "2", "3"));
        commands.call(false, "{\"k\":true}", "30", "realm1", "com.example.add");
        assertEquals(Map.of("k", true), router.lastCallKwargs);
        assertEquals(List.of(), router.lastCallArgs);
    }

    @Test
    void resultWithoutArgumentsIsShownAsEmptyNotAnError() throws Exception {
        assertEquals("result: (no arguments)\n", commands.call(false, "", "30", "realm1", "com.example.nothing"));
        JsonNode json = JSON.readTree(commands.call(true, "", "30", "realm1", "com.example.nothing"));
        assertEquals(0, json.get("args").size());
        assertEquals(0, json.get("kwargs").size());
    }

    @Test
    void callErrorCarriesTheWampErrorUriAndArguments() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> commands.call(false, "", "30", "realm1", "com.example.missing"));
        assertEquals("call com.example.missing failed: wamp.error.no_such_procedure"
                + " [\"no callee registered for procedure 'com.example.missing'\"]", e.getMessage());
    }

    @Test
    void callThatNeverAnswersTimesOut() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> commands.call(false, "", "1", "realm1", "com.example.slow"));
        assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
    }

    @Test
    void callToUnknownRealmOrWithBadUriFails() {
        assertThrows(IllegalArgumentException.class,
                () -> commands.call(false, "", "30", "nope", "com.example.add"));
        assertThrows(IllegalArgumentException.class,
                () -> commands.call(false, "", "30", "realm1", "not a uri"));
    }

    @Test
    void publishSendsParsedArgumentsAndShowsThePublicationId() throws Exception {
        assertEquals("published to com.example.news in realm1: publication 777\n",
                commands.publish(false, "", "30", "realm1", "com.example.news", "hello", "[1,2]", "{\"a\":1}"));
        assertEquals(List.of("com.example.news [hello, [1, 2], {a=1}] {}"), router.publishes);
        assertEquals(777, JSON.readTree(commands.publish(true, "", "30", "realm1", "com.example.news"))
                .get("publication").asLong());
    }

    private static TransportListener listener(String transport, int connections, String address) {
        return new TransportListener() {
            @Override
            public String transport() {
                return transport;
            }

            @Override
            public List<String> addresses() {
                return List.of(address);
            }

            @Override
            public int connectionCount() {
                return connections;
            }
        };
    }
}
