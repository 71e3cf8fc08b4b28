package dev.switchboard.serializer.fuzz;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static dev.switchboard.serializer.fuzz.SameValue.comparable;
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
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.Serializer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message type, with and without payloads, survives encode and decode unchanged, and encodes to the same bytes
 * again; a serializer's test extends this class and names the serializer.
 */
public abstract class EveryMessageTypeContract {

    private static final long MAX_ID = 1L << 53;
    private static final byte[] BLOB = {0, 1, (byte) 0x80, (byte) 0xff};

    /** The serializer under test. */
    protected abstract Serializer serializer();

    static Stream<Message> messages() {
        return Stream.of(
                new Hello("realm1", map("roles", map("caller", map("features", map("progressive_call_results", true))),
                        "authmethods", List.of("ticket", "anonymous"))),
                new Welcome(MAX_ID, map("roles", map("broker", Map.of(), "dealer", Map.of()))),
                new Abort(map("message", "no such realm"), "wamp.error.no_such_realm"),
                new Abort(Map.of(), "wamp.error.protocol_violation", List.of("bad"), map("at", 1)),
                new Challenge("wampcra", map("challenge", "{\"nonce\":\"x\"}")),
                new Authenticate("c2lnbmF0dXJl", Map.of()),
                new Goodbye(Map.of(), "wamp.close.goodbye_and_out"),
                new Error(48, 7, Map.of(), "wamp.error.no_such_procedure"),
                new Error(48, 7, Map.of(), "com.app.failed", List.of("why", BLOB), map("code", 42)),
                new Publish(1, map("acknowledge", true), "com.topic", Arrays.asList(1, "two", 3.5, null, false, BLOB),
                        map("k", "v")),
                new Publish(2, Map.of(), "com.topic"),
                new Published(1, MAX_ID),
                new Subscribe(1, map("match", "prefix"), "com.topic"),
                new Subscribed(1, 42),
                new Unsubscribe(2, 42),
                new Unsubscribed(2),
                new Unsubscribed(0, map("subscription", 42, "reason", "wamp.subscription.revoked")),
                new Event(42, MAX_ID, Map.of(), List.of("hello", BLOB), null),
                new Event(42, 43, map("publisher", 5)),
                new Call(7, Map.of(), "com.add", List.of(2, 3), null),
                new Call(8, map("timeout", 1000), "com.add", null, map("a", 2, "b", List.of(BLOB, map("x", -1.25)))),
                new Cancel(7, map("mode", "kill")),
                new Result(7, Map.of(), List.of(5), null),
                new Result(7, map("progress", true)),
                new Register(8, map("invoke", "roundrobin"), "com.add"),
                new Registered(8, 99),
                new Unregister(9, 99),
                new Unregistered(9),
                new Unregistered(0, map("registration", 99, "reason", "wamp.registration.revoked")),
                new Invocation(10, 99, map("caller", 123), List.of(2, 3), map("x", List.of(map("y", null)))),
                new Interrupt(10, map("mode", "killnowait")),
                new Yield(10, Map.of(), List.of(5, BLOB), map("z", BLOB)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    public void roundTrips(Message message) throws Exception {
        Serializer serializer = serializer();
        byte[] encoded = serializer.encode(message);
        Message back = serializer.decode(encoded, 0, encoded.length);
        assertEquals(message.getClass(), back.getClass());
        assertEquals(comparable(MessageArrays.toArray(message)), comparable(MessageArrays.toArray(back)));
        // And the bytes are stable: encoding the decoded message gives the same bytes.
        assertEquals(HexFormat.of().formatHex(encoded), HexFormat.of().formatHex(serializer.encode(back)));
    }

    @Test
    public void coversEveryMessageType() {
        Set<Integer> covered = messages().map(Message::type).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 8, 16, 17, 32, 33, 34, 35, 36, 48, 49, 50, 64, 65, 66, 67, 68, 69, 70),
                covered);
    }
}
