package dev.switchboard.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import dev.switchboard.api.serializer.RawPayload;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9: payloads (args, kwargs) travel from decode to encode as their bytes when the serializers match. */
class PayloadPassthroughTest {

    // [1, "two", bin(01 02), {"x": [true, nil, 1.5]}] and {"k": "v"}
    private static final String ARGS = "94 01 a3 74 77 6f c4 02 01 02 81 a1 78 93 c3 c0 cb 3ff8000000000000";
    private static final String KWARGS = "81 a1 6b a1 76";

    private static String hex(String spaced) {
        return spaced.replace(" ", "");
    }

    @Test
    void yieldToResultCopiesThePayloadWithoutDecodingIt() throws Exception {
        Yield yield = (Yield) MsgPack.decode("95 46 05 80 " + ARGS + " " + KWARGS);
        RawPayload args = assertInstanceOf(RawList.class, yield.args());
        RawPayload kwargs = assertInstanceOf(RawMap.class, yield.kwargs());
        assertEquals(4, yield.args().size());

        assertEquals(hex("95 32 07 80 " + ARGS + " " + KWARGS), MsgPack.encode(new Result(7, Map.of(), yield.args(), yield.kwargs())));
        assertFalse(args.isDecoded());
        assertFalse(kwargs.isDecoded());
    }

    @Test
    void nonCanonicalPayloadBytesAreKeptVerbatim() throws Exception {
        Call call = (Call) MsgPack.decode("95 30 01 80 a1 70 dc0002 01 02");
        assertEquals(hex("95 44 03 04 80 dc0002 01 02"),
                MsgPack.encode(new dev.switchboard.api.message.Invocation(3, 4, Map.of(), call.args(), null)));
        assertEquals(List.of(1, 2), call.args());
    }

    @Test
    void lazyDecodingGivesTheValuesOfAFullDecode() throws Exception {
        Publish publish = (Publish) MsgPack.decode("96 10 01 80 a1 74 " + ARGS + " " + KWARGS);
        RawList args = (RawList) publish.args();
        assertEquals("two", args.get(1));
        assertTrue(args.isDecoded());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) args.get(2));
        assertEquals(Map.of("x", Arrays.asList(true, null, 1.5)), args.get(3));
        assertEquals(Map.of("k", "v"), publish.kwargs());
        assertEquals(hex("96 24 01 02 80 " + ARGS + " " + KWARGS),
                MsgPack.encode(new Event(1, 2, Map.of(), publish.args(), publish.kwargs())));
    }

    @Test
    void rawBackedAndPlainMessagesAreEqual() throws Exception {
        Call raw = (Call) MsgPack.decode("96 30 01 80 a1 70 92 01 a1 61 81 a1 62 02");
        Call plain = new Call(1, Map.of(), "p", List.of(1, "a"), Map.of("b", 2));
        assertEquals(plain, raw);
        assertEquals(raw, plain);
        assertEquals(plain.hashCode(), raw.hashCode());
        assertEquals(plain.toString(), raw.toString());
        assertEquals(MsgPack.encode(plain), MsgPack.encode(raw));
    }

    @Test
    void emptyPayloadsAreNoWrappers() throws Exception {
        Call call = (Call) MsgPack.decode("96 30 01 80 a1 70 90 80");
        assertFalse(call.args() instanceof RawPayload);
        assertEquals(hex("94 30 01 80 a1 70"), MsgPack.encode(call));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "96 30 01 80 a1 70 93 01 02",          // truncated args
        "96 30 01 80 a1 70 90 82 a1 61 01",    // truncated kwargs
        "96 30 01 80 a1 70 90 82 a1 61 01 a1 61 02", // duplicate key
        "96 30 01 80 a1 70 91 81 01 02",       // integer key inside args
        "96 30 01 80 a1 70 91 a1 ff",          // invalid UTF-8
        "96 30 01 80 a1 70 91 d4 01 00",       // extension type
        "96 30 01 80 a1 70 91 c1",             // never used type byte
        "96 30 01 80 a1 70 81 a1 61 01",       // args not a list
        "96 30 01 80 a1 70 90 91 01",          // kwargs not a map
        "95 30 01 80 a1 70 dd ffffffff",       // a count far beyond the input
    })
    void malformedPayloadsAreRejectedAtDecode(String hex) {
        assertThrows(DecodeException.class, () -> MsgPack.decode(hex));
    }

    @Test
    void duplicateKeysAmongManyAreFound() {
        StringBuilder b = new StringBuilder("96 30 01 80 a1 70 90 de 0014");
        for (int i = 0; i < 19; i++) {
            b.append(String.format(" a2 6b %02x %02x", 0x41 + i, i));
        }
        b.append(" a2 6b 43 00"); // "kC" again
        DecodeException e = assertThrows(DecodeException.class, () -> MsgPack.decode(b.toString()));
        assertTrue(e.getMessage().contains("duplicate key \"kC\""), e.getMessage());
    }

    @Test
    void nestingDepthStillApplies() throws Exception {
        String ok = "91".repeat(62) + "90"; // 63 levels, 64 with the message array
        assertInstanceOf(Call.class, MsgPack.decode("95 30 01 80 a1 70 " + ok));
        String deep = "91".repeat(63) + "90";
        assertThrows(DecodeException.class, () -> MsgPack.decode("95 30 01 80 a1 70 " + deep));
    }

    @Test
    void decodesFromTheMiddleOfAReusedBuffer() throws Exception {
        byte[] frame = MsgPack.bytes("94 46 05 80 " + ARGS);
        byte[] buffer = new byte[frame.length + 20];
        System.arraycopy(frame, 0, buffer, 7, frame.length);
        Yield yield = (Yield) MsgPack.SERIALIZER.decode(buffer, 7, frame.length);
        Arrays.fill(buffer, (byte) 0xc1);
        assertEquals(hex("94 32 05 80 " + ARGS), MsgPack.encode(new Result(5, Map.of(), yield.args(), null)));
        assertEquals("two", yield.args().get(1));
    }
}
