package dev.switchboard.serializer.json;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Challenge;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Interrupt;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Unregister;
import dev.switchboard.api.message.Unregistered;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type, in its canonical JSON text, decoded and encoded byte for byte. */
class GoldenMessagesTest {

    private static final long MAX_ID = 1L << 53;

    static Stream<Arguments> golden() {
        return Stream.of(
                golden("[1,\"realm1\",{\"roles\":{\"caller\":{}}}]",
                        new Hello("realm1", map("roles", map("caller", Map.of())))),
                golden("[2,9007199254740992,{\"roles\":{\"broker\":{},\"dealer\":{}}}]",
                        new Welcome(MAX_ID, map("roles", map("broker", Map.of(), "dealer", Map.of())))),
                golden("[3,{\"message\":\"no such realm\"},\"wamp.error.no_such_realm\"]",
                        new Abort(map("message", "no such realm"), "wamp.error.no_such_realm")),
                golden("[3,{},\"wamp.error.protocol_violation\",[\"bad\"],{\"at\":1}]",
                        new Abort(Map.of(), "wamp.error.protocol_violation", List.of("bad"), map("at", 1))),
                golden("[4,\"wampcra\",{\"challenge\":\"{\\\"nonce\\\":\\\"x\\\"}\"}]",
                        new Challenge("wampcra", map("challenge", "{\"nonce\":\"x\"}"))),
                golden("[5,\"c2lnbmF0dXJl\",{}]", new Authenticate("c2lnbmF0dXJl", Map.of())),
                golden("[6,{},\"wamp.close.goodbye_and_out\"]", new Goodbye(Map.of(), "wamp.close.goodbye_and_out")),
                golden("[8,48,7,{},\"wamp.error.no_such_procedure\"]",
                        new Error(48, 7, Map.of(), "wamp.error.no_such_procedure")),
                golden("[8,48,7,{},\"com.app.failed\",[\"why\"],{\"code\":42}]",
                        new Error(48, 7, Map.of(), "com.app.failed", List.of("why"), map("code", 42))),
                golden("[16,1,{\"acknowledge\":true},\"com.topic\",[1,\"two\",3.5,null,false],{\"k\":\"v\"}]",
                        new Publish(1, map("acknowledge", true), "com.topic",
                                Arrays.asList(1, "two", 3.5, null, false), map("k", "v"))),
                golden("[16,2,{},\"com.topic\"]", new Publish(2, Map.of(), "com.topic")),
                golden("[17,1,9007199254740992]", new Published(1, MAX_ID)),
                golden("[32,1,{\"match\":\"prefix\"},\"com.topic\"]",
                        new Subscribe(1, map("match", "prefix"), "com.topic")),
                golden("[33,1,42]", new Subscribed(1, 42)),
                golden("[34,2,42]", new Unsubscribe(2, 42)),
                golden("[35,2]", new Unsubscribed(2)),
                golden("[35,0,{\"subscription\":42,\"reason\":\"wamp.subscription.revoked\"}]",
                        new Unsubscribed(0, map("subscription", 42, "reason", "wamp.subscription.revoked"))),
                golden("[36,42,9007199254740992,{},[\"hello\"]]",
                        new Event(42, MAX_ID, Map.of(), List.of("hello"), null)),
                golden("[36,42,43,{\"publisher\":5}]", new Event(42, 43, map("publisher", 5))),
                golden("[48,7,{},\"com.add\",[2,3]]", new Call(7, Map.of(), "com.add", List.of(2, 3), null)),
                golden("[48,8,{},\"com.add\",[],{\"a\":2,\"b\":3}]",
                        new Call(8, Map.of(), "com.add", List.of(), map("a", 2, "b", 3))),
                golden("[49,7,{\"mode\":\"kill\"}]", new Cancel(7, map("mode", "kill"))),
                golden("[50,7,{},[5]]", new Result(7, Map.of(), List.of(5), null)),
                golden("[50,7,{\"progress\":true}]", new Result(7, map("progress", true))),
                golden("[64,8,{\"invoke\":\"roundrobin\"},\"com.add\"]",
                        new Register(8, map("invoke", "roundrobin"), "com.add")),
                golden("[65,8,99]", new Registered(8, 99)),
                golden("[66,9,99]", new Unregister(9, 99)),
                golden("[67,9]", new Unregistered(9)),
                golden("[67,0,{\"registration\":99,\"reason\":\"wamp.registration.revoked\"}]",
                        new Unregistered(0, map("registration", 99, "reason", "wamp.registration.revoked"))),
                golden("[68,10,99,{\"caller\":123},[2,3],{\"x\":[{\"y\":null}]}]",
                        new Invocation(10, 99, map("caller", 123), List.of(2, 3),
                                map("x", List.of(map("y", null))))),
                golden("[69,10,{\"mode\":\"killnowait\"}]", new Interrupt(10, map("mode", "killnowait"))),
                golden("[70,10,{},[5]]", new Yield(10, Map.of(), List.of(5), null)));
    }

    private static Arguments golden(String json, Message message) {
        return Arguments.of(json, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesCanonicalText(String json, Message expected) throws Exception {
        assertEquals(expected, Json.decode(json));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesToCanonicalText(String json, Message message) {
        assertEquals(json, Json.encode(message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void roundTripsThroughBytes(String json, Message message) throws Exception {
        assertEquals(message, Json.decode(Json.encode(message)));
    }

    @Test
    void goldenCasesCoverEveryMessageType() {
        Set<Integer> covered = golden().map(a -> ((Message) a.get()[1]).type()).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 8, 16, 17, 32, 33, 34, 35, 36, 48, 49, 50, 64, 65, 66, 67, 68, 69, 70),
                covered);
    }

    @Test
    void acceptsWhitespaceAndNonCanonicalPayloadShapes() throws Exception {
        // Empty trailing args/kwargs are legal on the wire; the encoder leaves them out.
        Message call = Json.decode(" \n\t[48 , 7 , { } , \"com.add\" , [ ] , { } ]\r\n");
        assertEquals(new Call(7, Map.of(), "com.add", List.of(), Map.of()), call);
        assertEquals("[48,7,{},\"com.add\"]", Json.encode(call));
    }
}
