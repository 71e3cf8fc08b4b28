package dev.switchboard.serializer.cbor;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.json.JsonSerializer;
import dev.switchboard.serializer.msgpack.MsgPackSerializer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router decodes with the sender's serializer and encodes with each receiver's. For every ordered pair
 * (A, B) of serializers, a message that came in over A and goes out over B must reach B's peer with the
 * same values and the same Java types: integers (2^53 exactly, 2^64 - 1, negatives), doubles, booleans, null,
 * non-BMP text, nested lists and dicts, and binary as byte[].
 */
class CrossSerializerMatrixTest {

    private static final List<Serializer> SERIALIZERS =
            List.of(new JsonSerializer(), new MsgPackSerializer(), new CborSerializer());

    private static final long MAX_ID = 1L << 53;
    private static final byte[] BLOB = {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff};

    static List<Object> richArgs() {
        return Arrays.asList(0, 1, -1, 23, 24, -25, 255, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE,
                MAX_ID, -MAX_ID, MAX_ID + 1, Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("18446744073709551615"),
                1.5, -0.25, 0.1, 100.0, -0.0, 1e300, 4.9e-324, true, false, null,
                "", "ascii", "é€中文", "😀𝄞 emoji and music", "line\nbreak \"quoted\" \\ back/slash \u0001",
                List.of(), List.of(1, List.of(2, List.of(3, List.of()))), Map.of(),
                map("a", map("b", Arrays.asList(1, map("c", null), "x")), "d", List.of(BLOB, "s")),
                BLOB, new byte[0]);
    }

    static Map<String, Object> richKwargs() {
        return map("n", MAX_ID, "neg", -42, "pi", 3.141592653589793, "ok", true, "nothing", null,
                "text_😀", "ünïcödé 中文 😀", "blob", BLOB, "list", Arrays.asList(BLOB, null, 1L << 40),
                "deep", map("l1", map("l2", map("l3", List.of(map("l4", "bottom"))))));
    }

    static Stream<Message> messages() {
        return Stream.of(
                new Publish(MAX_ID, map("acknowledge", true, "x_blob", BLOB), "com.rich", richArgs(), richKwargs()),
                new Event(1, MAX_ID, map("publisher", MAX_ID, "topic", "com.rich"), richArgs(), richKwargs()),
                new Call(7, map("timeout", 1000), "com.rich", richArgs(), richKwargs()),
                new Invocation(7, MAX_ID, map("caller", 12345), richArgs(), richKwargs()),
                new Yield(7, map("progress", false), richArgs(), richKwargs()),
                new Result(7, map(), richArgs(), richKwargs()),
                new Error(48, 7, map("x_detail", BLOB), "com.app.error", richArgs(), richKwargs()),
                new Abort(map("message", "bye 😀"), "wamp.error.protocol_violation", richArgs(), richKwargs()),
                new Hello("realm-é-😀", map("roles", map("caller", map("features", map("progressive_call_results", true))),
                        "authextra", map("pubkey", BLOB))));
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Serializer from : SERIALIZERS) {
            for (Serializer to : SERIALIZERS) {
                messages().forEach(m -> pairs.add(Arguments.of(from.name(), to.name(), m)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("pairs")
    void valuesSurviveEveryPairOfSerializers(String from, String to, Message original) throws Exception {
        Serializer a = serializer(from);
        Serializer b = serializer(to);
        byte[] inbound = a.encode(original);
        Message routed = a.decode(inbound, 0, inbound.length);   // what the router holds
        byte[] outbound = b.encode(routed);
        Message received = b.decode(outbound, 0, outbound.length); // what B's peer reads

        assertEquals(original.getClass(), received.getClass());
        assertEquals(typed(MessageArrays.toArray(original)), typed(MessageArrays.toArray(received)));
    }

    @Test
    void binaryComesOutAsByteArrayOverEveryPair() throws Exception {
        for (Serializer a : SERIALIZERS) {
            for (Serializer b : SERIALIZERS) {
                Event event = new Event(1, 2, Map.of(), List.of(BLOB), map("k", BLOB));
                byte[] in = a.encode(event);
                byte[] out = b.encode(a.decode(in, 0, in.length));
                Event back = (Event) b.decode(out, 0, out.length);
                assertArrayEquals(BLOB, (byte[]) back.args().get(0), a.name() + " -> " + b.name());
                assertArrayEquals(BLOB, (byte[]) back.kwargs().get("k"), a.name() + " -> " + b.name());
            }
        }
    }

    @Test
    void largestIdKeepsItsValueOverEveryPair() throws Exception {
        for (Serializer a : SERIALIZERS) {
            for (Serializer b : SERIALIZERS) {
                Event event = new Event(MAX_ID, MAX_ID, map("publisher", MAX_ID));
                byte[] in = a.encode(event);
                byte[] out = b.encode(a.decode(in, 0, in.length));
                assertEquals(event, b.decode(out, 0, out.length), a.name() + " -> " + b.name());
            }
        }
    }

    @Test
    void serializersAreDistinctOnTheWire() {
        assertEquals(Set.of("json", "msgpack", "cbor"), SERIALIZERS.stream().map(Serializer::name).collect(Collectors.toSet()));
        assertEquals(Set.of("wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor"),
                SERIALIZERS.stream().map(Serializer::subprotocol).collect(Collectors.toSet()));
        assertEquals(Set.of(1, 2, 3), SERIALIZERS.stream().map(Serializer::rawSocketId).collect(Collectors.toSet()));
    }

    @Test
    void oneEventIsEncodedOncePerSerializer() {
        // Message#encodedWith caches per serializer: the same bytes for every subscriber on a serializer.
        Event event = new Event(1, 2, Map.of(), richArgs(), richKwargs());
        for (Serializer s : SERIALIZERS) {
            assertSame(event.encodedWith(s), event.encodedWith(s), s.name());
        }
        assertNotEquals(HexFormat.of().formatHex(event.encodedWith(SERIALIZERS.get(1))),
                HexFormat.of().formatHex(event.encodedWith(SERIALIZERS.get(2))));
    }

    private static Serializer serializer(String name) {
        return SERIALIZERS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The value with its Java type made part of equality: byte[] as hex, numbers as "Type:value" (so that
     * Integer 1 and Long 1, or Double 1.0 and Integer 1, differ), -0.0 kept apart from 0.0.
     */
    private static Object typed(Object value) {
        if (value instanceof byte[] bytes) {
            return "byte[]:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Number n) {
            return n.getClass().getSimpleName() + ":" + (n instanceof Double d ? Double.toString(d) : n.toString());
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(typed(v)));
            return copy;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, typed(v)));
            return copy;
        }
        return value;
    }

}
