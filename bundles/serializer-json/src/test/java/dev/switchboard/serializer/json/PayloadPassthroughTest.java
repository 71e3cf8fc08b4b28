package dev.switchboard.serializer.json;

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
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import dev.switchboard.api.serializer.RawPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9: payloads (args, kwargs) travel from decode to encode as their bytes when the serializers match. */
class PayloadPassthroughTest {

    private static final String ARGS = "[1,\"two\",{\"x\":[true,null,1.5]},\"\\u0000AQI=\"]";
    private static final String KWARGS = "{\"k\":\"v\",\"n\":{\"m\":[]}}";

    private static Message decode(String json) throws DecodeException {
        return Json.decode(json);
    }

    @Test
    void yieldToResultCopiesThePayloadWithoutDecodingIt() throws Exception {
        Yield yield = (Yield) decode("[70, 5, {}, " + ARGS + ", " + KWARGS + "]");
        RawPayload args = assertInstanceOf(RawList.class, yield.args());
        RawPayload kwargs = assertInstanceOf(RawMap.class, yield.kwargs());
        assertEquals(4, yield.args().size());
        assertEquals(2, yield.kwargs().size());

        String out = Json.encode(new Result(7, Map.of(), yield.args(), yield.kwargs()));

        assertEquals("[50,7,{}," + ARGS + "," + KWARGS + "]", out);
        assertFalse(args.isDecoded());
        assertFalse(kwargs.isDecoded());
    }

    @Test
    void whitespaceInsideThePayloadIsKeptAndAroundItDropped() throws Exception {
        Call call = (Call) decode("[48, 1, {}, \"p\",   [1, 2 ,3]  ,\n{ \"a\" : 1 } ]");
        String out = Json.encode(new Invocation(3, 4, Map.of(), call.args(), call.kwargs()));
        assertEquals("[68,3,4,{},[1, 2 ,3],{ \"a\" : 1 }]", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[48, 1, {}, \"p\", %s, %s]",
        "[70, 1, {}, %s, %s]",
        "[16, 1, {}, \"t\", %s, %s]",
        "[8, 48, 1, {}, \"wamp.error.x\", %s, %s]",
        "[50, 1, {}, %s, %s]",
        "[36, 1, 2, {}, %s, %s]",
        "[68, 1, 2, {}, %s, %s]",
    })
    void everyForwardedTypeKeepsItsPayloadRawAndEqualToThePlainMessage(String template) throws Exception {
        String json = String.format(template, "[1,\"a\",[2]]", "{\"b\":{\"c\":3}}");
        Message raw = decode(json);
        String reencoded = Json.encode(raw);
        assertEquals(json.replace(" ", ""), reencoded);
        Message plain = decode(String.format(template, "[1,\"a\",[2]]", "{\"b\":{\"c\":3}}")
                .replace("[1,\"a\",[2]]", "[1, \"a\", [2]]"));
        // a message built from plain values equals the raw-backed one, both ways, with the same hash
        Message built = rebuildPlain(raw);
        assertEquals(built, raw);
        assertEquals(raw, built);
        assertEquals(built.hashCode(), raw.hashCode());
        assertEquals(raw, plain);
        assertEquals(raw.toString(), built.toString());
    }

    private static Message rebuildPlain(Message m) {
        List<Object> args = List.of(1, "a", List.of(2));
        Map<String, Object> kwargs = Map.of("b", Map.of("c", 3));
        if (m instanceof Call c) return new Call(c.request(), c.options(), c.procedure(), args, kwargs);
        if (m instanceof Yield y) return new Yield(y.request(), y.options(), args, kwargs);
        if (m instanceof Publish p) return new Publish(p.request(), p.options(), p.topic(), args, kwargs);
        if (m instanceof dev.switchboard.api.message.Error e) {
            return new dev.switchboard.api.message.Error(e.requestType(), e.request(), e.details(), e.error(), args, kwargs);
        }
        if (m instanceof Result r) return new Result(r.request(), r.details(), args, kwargs);
        if (m instanceof Event e) return new Event(e.subscription(), e.publication(), e.details(), args, kwargs);
        if (m instanceof Invocation i) return new Invocation(i.request(), i.registration(), i.details(), args, kwargs);
        throw new AssertionError(m);
    }

    @Test
    void lazyDecodingGivesTheValuesOfAFullDecodeBinaryIncluded() throws Exception {
        Publish publish = (Publish) decode("[16, 1, {}, \"t\", " + ARGS + ", " + KWARGS + "]");
        RawList args = (RawList) publish.args();
        assertFalse(args.isDecoded());
        assertEquals(1, args.get(0));
        assertTrue(args.isDecoded());
        assertEquals("two", args.get(1));
        assertEquals(Map.of("x", java.util.Arrays.asList(true, null, 1.5)), args.get(2));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) args.get(3));
        assertThrows(UnsupportedOperationException.class, () -> args.add(1));
        assertThrows(UnsupportedOperationException.class, () -> publish.kwargs().put("z", 1));
        assertEquals("v", publish.kwargs().get("k"));
        // decoded once, then the encoder still writes the original bytes
        String out = Json.encode(new Event(1, 2, Map.of(), publish.args(), publish.kwargs()));
        assertEquals("[36,1,2,{}," + ARGS + "," + KWARGS + "]", out);
    }

    @Test
    void emptyPayloadsAreNoWrappersAndAreLeftOutAsToday() throws Exception {
        Call call = (Call) decode("[48, 1, {}, \"p\", [], {}]");
        assertEquals(List.of(), call.args());
        assertEquals(Map.of(), call.kwargs());
        assertFalse(call.args() instanceof RawPayload);
        assertEquals("[48,1,{},\"p\"]", Json.encode(call));
    }

    @Test
    void aRawPayloadNestedInAPlainValueIsCopiedToo() throws Exception {
        Call call = (Call) decode("[48, 1, {}, \"p\", [1, 2]]");
        String out = Json.encode(new Result(1, Map.of(), List.of(call.args()), null));
        assertEquals("[50,1,{},[[1, 2]]]", out);
        assertFalse(((RawPayload) call.args()).isDecoded());
    }

    @Test
    void aRawPayloadThatWouldNestTooDeepIsRefusedAsToday() throws Exception {
        String deep = "[".repeat(62) + "]".repeat(62);
        Call call = (Call) decode("[48, 1, {}, \"p\", [" + deep + "]]"); // 64 levels with the message array
        Object wrapped = call.args();
        for (int i = 0; i < 3; i++) {
            wrapped = List.of(wrapped);
        }
        Result tooDeep = new Result(1, Map.of(), new ArrayList<>(List.of(wrapped)), null);
        assertThrows(IllegalArgumentException.class, () -> Json.SERIALIZER.encode(tooDeep));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[48, 1, {}, \"p\", [1, 2",                      // truncated
        "[48, 1, {}, \"p\", [1, 2}]",                    // mismatched close
        "[48, 1, {}, \"p\", [1, {\"a\":1, \"a\":2}]]",   // duplicate key in args
        "[48, 1, {}, \"p\", [], {\"a\":1, \"b\":2, \"a\":3}]", // duplicate key in kwargs
        "[48, 1, {}, \"p\", [1e400]]",                   // beyond the double range
        "[48, 1, {}, \"p\", [\"\\u0000###\"]]",          // binary convention with invalid base64
        "[48, 1, {}, \"p\", {\"a\":1}]",                 // args not a list
        "[48, 1, {}, \"p\", [], [1]]",                   // kwargs not a dict
        "[48, 1, {}, \"p\", [], {\"a\":1}, 3]",          // too many elements
        "[48, 1, {}, \"p\", [nul]]",                     // bad token
    })
    void malformedPayloadsAreRejectedAtDecode(String json) {
        assertThrows(DecodeException.class, () -> decode(json));
    }

    @Test
    void duplicateKeysAmongManyAreFound() {
        StringBuilder b = new StringBuilder("[48, 1, {}, \"p\", [], {");
        for (int i = 0; i < 20; i++) {
            b.append("\"k").append(i).append("\":").append(i).append(',');
        }
        b.append("\"k3\":0}]");
        DecodeException e = assertThrows(DecodeException.class, () -> decode(b.toString()));
        assertTrue(e.getMessage().contains("duplicate key \"k3\""), e.getMessage());
    }

    @Test
    void tooDeepPayloadsAreRejectedAtDecode() {
        String deep = "[".repeat(64) + "]".repeat(64);
        assertThrows(DecodeException.class, () -> decode("[48, 1, {}, \"p\", " + deep + "]"));
        String ok = "[".repeat(63) + "]".repeat(63);
        assertInstanceOf(Call.class, assertDoesNotThrowDecode("[48, 1, {}, \"p\", " + ok + "]"));
    }

    @Test
    void invalidUtf8InAPayloadStringIsRejectedAtDecode() {
        byte[] bytes = "[48, 1, {}, \"p\", [\"a?\"]]".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 5] = (byte) 0xC3; // a lead byte followed by '"'
        assertThrows(DecodeException.class, () -> Json.SERIALIZER.decode(bytes, 0, bytes.length));
    }

    @Test
    void decodesFromTheMiddleOfAReusedBuffer() throws Exception {
        byte[] frame = "[70, 5, {}, [1, 2], {\"a\": 1}]".getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[frame.length + 20];
        System.arraycopy(frame, 0, buffer, 10, frame.length);
        Yield yield = (Yield) Json.SERIALIZER.decode(buffer, 10, frame.length);
        java.util.Arrays.fill(buffer, (byte) 'x'); // the transport reuses its buffer
        assertEquals(List.of(1, 2), yield.args());
        assertEquals(Map.of("a", 1), yield.kwargs());
        assertEquals("[50,5,{},[1, 2],{\"a\": 1}]", Json.encode(new Result(5, Map.of(), yield.args(), yield.kwargs())));
    }

    @Test
    void otherMessagesAreDecodedAsBefore() throws Exception {
        Subscribe s = (Subscribe) decode("[32, 1, {\"match\": \"prefix\"}, \"t\"]");
        assertFalse(s.options() instanceof RawPayload);
    }

    private static Message assertDoesNotThrowDecode(String json) {
        try {
            return decode(json);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
