package dev.switchboard.serializer.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import dev.switchboard.api.serializer.RawPayload;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.json.JsonSerializer;
import dev.switchboard.serializer.msgpack.MsgPackSerializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9: payloads (args, kwargs) travel from decode to encode as their bytes when the serializers match, and
 * as values, exactly as before, when they do not.
 */
class PayloadPassthroughTest {

    // [1, "two", h'0102', {"x": [true, null, 1.5]}] and {"k": "v"}
    private static final String ARGS = "84 01 63 74776f 42 0102 a1 61 78 83 f5 f6 fb 3ff8000000000000";
    private static final String KWARGS = "a1 61 6b 61 76";

    private static final Serializer JSON = new JsonSerializer();
    private static final Serializer MSGPACK = new MsgPackSerializer();
    private static final Serializer CBOR = Cbor.SERIALIZER;
    private static final List<Serializer> ALL = List.of(JSON, MSGPACK, CBOR);

    private static String hex(String spaced) {
        return spaced.replace(" ", "");
    }

    @Test
    void yieldToResultCopiesThePayloadWithoutDecodingIt() throws Exception {
        Yield yield = (Yield) Cbor.decode("85 18 46 05 a0 " + ARGS + " " + KWARGS);
        RawPayload args = assertInstanceOf(RawList.class, yield.args());
        RawPayload kwargs = assertInstanceOf(RawMap.class, yield.kwargs());
        assertEquals(hex("85 18 32 07 a0 " + ARGS + " " + KWARGS), Cbor.encode(new Result(7, Map.of(), yield.args(), yield.kwargs())));
        assertFalse(args.isDecoded());
        assertFalse(kwargs.isDecoded());
    }

    @Test
    void indefiniteLengthAndTaggedPayloadsAreKeptWhole() throws Exception {
        Call call = (Call) Cbor.decode("86 18 30 01 a0 61 70 9f 01 02 ff bf 61 61 01 ff");
        assertEquals(hex("86 18 44 03 04 a0 9f 01 02 ff bf 61 61 01 ff"),
                Cbor.encode(new Invocation(3, 4, Map.of(), call.args(), call.kwargs())));
        assertEquals(List.of(1, 2), call.args());
        assertEquals(Map.of("a", 1), call.kwargs());

        Call tagged = (Call) Cbor.decode("85 18 30 01 a0 61 70 c6 82 01 02");
        assertEquals(List.of(1, 2), tagged.args());
        byte[] out = CBOR.encode(new Invocation(3, 4, Map.of(), tagged.args(), null));
        Invocation back = (Invocation) CBOR.decode(out, 0, out.length);
        assertEquals(List.of(1, 2), back.args());
    }

    @Test
    void lazyDecodingGivesTheValuesOfAFullDecode() throws Exception {
        Publish publish = (Publish) Cbor.decode("86 10 01 a0 61 74 " + ARGS + " " + KWARGS);
        RawList args = (RawList) publish.args();
        assertEquals("two", args.get(1));
        assertTrue(args.isDecoded());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) args.get(2));
        assertEquals(Map.of("x", Arrays.asList(true, null, 1.5)), args.get(3));
        assertEquals(Map.of("k", "v"), publish.kwargs());
    }

    @Test
    void rawBackedAndPlainMessagesAreEqual() throws Exception {
        Call raw = (Call) Cbor.decode("86 18 30 01 a0 61 70 82 01 61 61 a1 61 62 02");
        Call plain = new Call(1, Map.of(), "p", List.of(1, "a"), Map.of("b", 2));
        assertEquals(plain, raw);
        assertEquals(raw, plain);
        assertEquals(plain.hashCode(), raw.hashCode());
        assertEquals(plain.toString(), raw.toString());
        assertEquals(Cbor.encode(plain), Cbor.encode(raw));
    }

    /** A payload decoded by one serializer and encoded by another gives the bytes a plain-valued message gives. */
    @Test
    void crossSerializerEncodingIsAsBefore() throws Exception {
        Map<String, Object> details = Map.of("caller", 9);
        List<Object> args = List.of(1, "two", List.of(true, 2.5), Map.of("x", "y"), new byte[] {1, 2, 3});
        Map<String, Object> kwargs = Map.of("k", List.of("v"), "n", 12345678901L);
        Yield plain = new Yield(5, Map.of(), new ArrayList<>(args), kwargs);
        for (Serializer from : ALL) {
            byte[] in = from.encode(plain);
            for (Serializer to : ALL) {
                Yield decoded = (Yield) from.decode(in, 0, in.length);
                assertInstanceOf(RawList.class, decoded.args(), from.name());
                Result viaRaw = new Result(5, details, decoded.args(), decoded.kwargs());
                Yield reference = (Yield) from.decode(in, 0, in.length);
                Result viaPlain = new Result(5, details, new ArrayList<>(reference.args()),
                        new java.util.LinkedHashMap<>(reference.kwargs()));
                assertArrayEquals(to.encode(viaPlain), to.encode(viaRaw), from.name() + " -> " + to.name());
                assertEquals(to != from, ((RawPayload) decoded.args()).isDecoded(), from.name() + " -> " + to.name());
            }
        }
    }

    @Test
    void sameSerializerNeverDecodes() throws Exception {
        for (Serializer s : ALL) {
            byte[] in = s.encode(new Publish(1, Map.of(), "t", List.of(1, List.of("a")), Map.of("b", Map.of("c", 3))));
            Publish p = (Publish) s.decode(in, 0, in.length);
            byte[] out = s.encode(new Event(2, 3, Map.of(), p.args(), p.kwargs()));
            assertFalse(((RawPayload) p.args()).isDecoded(), s.name());
            assertFalse(((RawPayload) p.kwargs()).isDecoded(), s.name());
            Event e = (Event) s.decode(out, 0, out.length);
            assertEquals(List.of(1, List.of("a")), e.args(), s.name());
            assertEquals(Map.of("b", Map.of("c", 3)), e.kwargs(), s.name());
        }
    }

    @Test
    void jsonBinaryStringsBecomeBinaryElsewhere() throws Exception {
        byte[] json = "[70, 5, {}, [\"\\u0000AQI=\", \"text\"]]".getBytes(StandardCharsets.UTF_8);
        Yield yield = (Yield) JSON.decode(json, 0, json.length);
        byte[] cbor = CBOR.encode(new Result(5, Map.of(), yield.args(), null));
        Result result = (Result) CBOR.decode(cbor, 0, cbor.length);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) result.args().get(0));
        assertEquals("text", result.args().get(1));
        byte[] back = JSON.encode(new Result(5, Map.of(), result.args(), null));
        assertEquals("[50,5,{},[\"\\u0000AQI=\",\"text\"]]", new String(back, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "86 18 30 01 a0 61 70 83 01 02",          // truncated args
        "86 18 30 01 a0 61 70 80 a2 61 61 01",    // truncated kwargs
        "86 18 30 01 a0 61 70 80 a2 61 61 01 61 61 02", // duplicate key
        "86 18 30 01 a0 61 70 81 a1 01 02",       // integer key inside args
        "86 18 30 01 a0 61 70 81 61 ff",          // invalid UTF-8
        "86 18 30 01 a0 61 70 81 f0",             // simple value 16
        "86 18 30 01 a0 61 70 a1 61 61 01",       // args not a list
        "86 18 30 01 a0 61 70 80 81 01",          // kwargs not a map
        "86 18 30 01 a0 61 70 9f 01 02",          // unterminated indefinite array
    })
    void malformedPayloadsAreRejectedAtDecode(String hex) {
        assertThrows(DecodeException.class, () -> Cbor.decode(hex));
    }

    @Test
    void nestingDepthStillApplies() throws Exception {
        String ok = "81".repeat(62) + "80"; // 63 levels, 64 with the message array
        assertInstanceOf(Call.class, Cbor.decode("85 18 30 01 a0 61 70 " + ok));
        String deep = "81".repeat(63) + "80";
        assertThrows(DecodeException.class, () -> Cbor.decode("85 18 30 01 a0 61 70 " + deep));
    }

    @Test
    void aRawPayloadNestedTooDeepIsRefusedAsToday() throws Exception {
        String ok = "81".repeat(62) + "80";
        Call call = (Call) Cbor.decode("85 18 30 01 a0 61 70 " + ok);
        Object wrapped = call.args();
        for (int i = 0; i < 3; i++) {
            wrapped = List.of(wrapped);
        }
        Message tooDeep = new Result(1, Map.of(), new ArrayList<>(List.of(wrapped)), null);
        assertThrows(IllegalArgumentException.class, () -> CBOR.encode(tooDeep));
        // and one that still fits is written with the raw bytes in place
        Message fits = new Result(1, Map.of(), call.args(), null);
        byte[] out = CBOR.encode(fits);
        assertEquals(call.args(), ((Result) CBOR.decode(out, 0, out.length)).args());
    }

    @Test
    void decodesFromTheMiddleOfAReusedBuffer() throws Exception {
        byte[] frame = Cbor.bytes("84 18 46 05 a0 " + ARGS);
        byte[] buffer = new byte[frame.length + 20];
        System.arraycopy(frame, 0, buffer, 9, frame.length);
        Yield yield = (Yield) CBOR.decode(buffer, 9, frame.length);
        Arrays.fill(buffer, (byte) 0xff);
        assertEquals(hex("84 18 32 05 a0 " + ARGS), Cbor.encode(new Result(5, Map.of(), yield.args(), null)));
        assertEquals("two", yield.args().get(1));
    }
}
