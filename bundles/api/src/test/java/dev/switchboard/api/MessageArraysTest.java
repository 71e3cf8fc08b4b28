package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.Serializer;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageArraysTest {
    private static final Map<String, Object> D = Map.of("k", "v");
    private static final List<Object> ARGS = List.of(1, "two");
    private static final Map<String, Object> KW = Map.of("x", 3);

    static Stream<Message> everyMessageType() {
        return Stream.of(new Hello("realm1", D), new Welcome(1, D), new Abort(D, "wamp.error.no_such_realm"),
                new Abort(D, "x.y", ARGS, KW), new Challenge("wampcra", D), new Authenticate("sig", D),
                new Goodbye(D, "wamp.close.normal"), new Error(48, 2, D, "app.error", ARGS, KW),
                new Error(48, 2, D, "app.error"), new Publish(3, D, "com.topic", ARGS, KW), new Published(3, 4),
                new Subscribe(5, D, "com.topic"), new Subscribed(5, 6), new Unsubscribe(7, 6), new Unsubscribed(7),
                new Unsubscribed(0, Map.of("reason", "revoked")), new Event(6, 8, D, ARGS, null),
                new Call(9, D, "com.proc", null, KW), new Cancel(9, D), new Result(9, D, ARGS, KW),
                new Register(10, D, "com.proc"), new Registered(10, 11), new Unregister(12, 11), new Unregistered(12),
                new Invocation(13, 11, D, ARGS, KW), new Interrupt(13, D), new Yield(13, D, ARGS, KW),
                new Yield(13, D));
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void everyMessageSurvivesARoundTrip(Message m) throws DecodeException {
        Message back = MessageArrays.fromArray(MessageArrays.toArray(m));
        // A payload of only kwargs comes back with an empty args list, as on the wire.
        assertEquals(MessageArrays.toArray(m), MessageArrays.toArray(back));
        assertEquals(m.type(), back.type());
    }

    @Test
    void kwargsWithoutArgsAreSentWithAnEmptyArgsList() {
        assertEquals(List.of(48, 9L, Map.of(), "com.proc", List.of(), KW),
                MessageArrays.toArray(new Call(9, Map.of(), "com.proc", null, KW)));
        assertEquals(List.of(48, 9L, Map.of(), "com.proc"),
                MessageArrays.toArray(new Call(9, Map.of(), "com.proc", List.of(), Map.of())));
    }

    @Test
    void idsAcceptEveryIntegerTypeUpToTwoToThe53() throws DecodeException {
        long max = 1L << 53;
        assertEquals(max, ((Published) MessageArrays.fromArray(List.of(17, 1, max))).publication());
        assertEquals(max, ((Published) MessageArrays.fromArray(List.of(17, 1, BigInteger.valueOf(max)))).publication());
        assertEquals(7, ((Published) MessageArrays.fromArray(List.of(17, 1, 7))).publication());
    }

    static Stream<List<Object>> malformed() {
        return Stream.of(
                List.of(),
                List.of("1", "realm1", Map.of()),
                List.of(1.5, "realm1", Map.of()),
                List.of(999, "x"),
                List.of(1, "realm1"),
                List.of(1, "realm1", Map.of(), "extra"),
                List.of(1, 7, Map.of()),
                Arrays.asList(1, "realm1", null),
                List.of(1, "realm1", List.of()),
                List.of(48, 0, Map.of(), "com.proc"),
                List.of(48, -1, Map.of(), "com.proc"),
                List.of(48, (1L << 53) + 1, Map.of(), "com.proc"),
                List.of(48, BigInteger.ONE.shiftLeft(70), Map.of(), "com.proc"),
                List.of(48, 1, Map.of(), "com.proc", Map.of()),
                List.of(48, 1, Map.of(), "com.proc", List.of(), List.of()),
                List.of(16, 1, Map.of(), 5),
                List.of(70, 1, Map.of(), List.of(), Map.of(), "extra"),
                List.of(8, 48, 1, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedMessagesAreDecodeErrors(List<Object> array) {
        DecodeException e = assertThrows(DecodeException.class, () -> MessageArrays.fromArray(array));
        assertTrue(e.getMessage().length() < 200, "short reason: " + e.getMessage());
    }

    @Test
    void encodingsAreCachedPerSerializer() {
        AtomicInteger encodes = new AtomicInteger();
        Serializer a = counting(encodes, "a");
        Serializer b = counting(encodes, "b");
        Event e = new Event(1, 2, Map.of());
        byte[] first = e.encodedWith(a);
        for (int i = 0; i < 10; i++) {
            assertEquals(first, e.encodedWith(a));
            e.encodedWith(b);
        }
        assertEquals(2, encodes.get());
    }

    private static Serializer counting(AtomicInteger counter, String name) {
        return new Serializer() {
            @Override public String name() { return name; }
            @Override public String subprotocol() { return "wamp.2." + name; }
            @Override public int rawSocketId() { return 1; }
            @Override public boolean binary() { return false; }
            @Override public Message decode(byte[] data, int offset, int length) { throw new UnsupportedOperationException(); }
            @Override public byte[] encode(Message message) {
                counter.incrementAndGet();
                return name.getBytes();
            }
        };
    }
}
