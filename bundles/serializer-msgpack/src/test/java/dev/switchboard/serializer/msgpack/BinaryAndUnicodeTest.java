package dev.switchboard.serializer.msgpack;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static dev.switchboard.serializer.fuzz.SameValue.comparable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Publish;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** byte[] travels as MsgPack bin and text as str, anywhere in a message; text is UTF-8 including non-BMP. */
class BinaryAndUnicodeTest {

    private static final String TEXT = "ascii é € 中文 😀 𝄞"; // 1-, 2-, 3- and 4-byte UTF-8 sequences

    @Test
    void binaryAnywhereInArgsKwargsAndDetailsRoundTrips() throws Exception {
        byte[] a = {1, 2, 3};
        byte[] b = {(byte) 0xff};
        byte[] empty = {};
        Call call = new Call(5, map("x_blob", a), "com.blob",
                List.of(a, List.of(b, map("deep", List.of(empty))), "text"),
                map("k", b, "list", List.of(map("inner", a))));
        Call back = (Call) MsgPack.decode(MsgPack.encode(call));
        assertEquals(comparable(call.options()), comparable(back.options()));
        assertEquals(comparable(call.args()), comparable(back.args()));
        assertEquals(comparable(call.kwargs()), comparable(back.kwargs()));
    }

    @Test
    void everyLengthAndByteValueRoundTrips() throws Exception {
        Random random = new Random(1);
        for (int length = 0; length < 300; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            Publish publish = (Publish) MsgPack.decode(MsgPack.encode(new Publish(1, Map.of(), "t", List.of(bytes), null)));
            assertArrayEquals(bytes, (byte[]) publish.args().get(0), "length " + length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256, 65535, 65536, 3 * 1024 * 1024 + 1})
    void binaryAcrossBin8Bin16AndBin32RoundTrips(int length) throws Exception {
        byte[] big = new byte[length];
        new Random(length).nextBytes(big);
        byte[] encoded = MsgPack.SERIALIZER.encode(new Publish(1, Map.of(), "t", List.of(big), null));
        Publish back = (Publish) MsgPack.SERIALIZER.decode(encoded, 0, encoded.length);
        assertInstanceOf(byte[].class, back.args().get(0));
        assertArrayEquals(big, (byte[]) back.args().get(0));
    }

    @Test
    void decodedBinaryDoesNotShareTheInputArray() throws Exception {
        byte[] encoded = MsgPack.SERIALIZER.encode(new Publish(1, Map.of(), "t", List.of(new byte[] {7, 7}), null));
        Publish back = (Publish) MsgPack.SERIALIZER.decode(encoded, 0, encoded.length);
        java.util.Arrays.fill(encoded, (byte) 0); // transports reuse their read buffers
        assertArrayEquals(new byte[] {7, 7}, (byte[]) back.args().get(0));
    }

    @Test
    void stringsLookingLikeJsonBinaryStayStrings() throws Exception {
        // The JSON convention ("\0" + base64) means nothing here: MsgPack has a real binary type.
        List<Object> args = List.of("\u0000AQID", "", "a\u0000b");
        Publish back = (Publish) MsgPack.decode(MsgPack.encode(new Publish(1, Map.of(), "t", args, null)));
        assertEquals(args, back.args());
    }

    @Test
    void writesRawUtf8WithNonBmpAsOneFourByteSequence() {
        String hex = MsgPack.encode(new Hello("r", Map.of("x_text", TEXT)));
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        // fixstr header (0xa0 + length) for the 29 bytes, then the raw UTF-8
        assertEquals(29, utf8.length);
        assertTrue(hex.endsWith("bd" + java.util.HexFormat.of().formatHex(utf8)), hex);
        assertTrue(hex.contains("f09f9880"), hex); // not a CESU-8 style pair of 3-byte surrogates
    }

    @Test
    void nonBmpTextRoundTripsEverywhere() throws Exception {
        Publish publish = new Publish(1, Map.of("x_" + TEXT, TEXT), TEXT, List.of(TEXT), Map.of(TEXT, List.of(TEXT)));
        assertEquals(publish, MsgPack.decode(MsgPack.encode(publish)));
    }

    @Test
    void longTextAndLongAsciiRoundTrip() throws Exception {
        String longText = TEXT.repeat(10_000);
        String longAscii = "x".repeat(70_000); // str 32
        Publish publish = new Publish(1, Map.of(), "t", List.of(longText, longAscii), null);
        assertEquals(publish, MsgPack.decode(MsgPack.encode(publish)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\uD800b", "\uDC00", "x\uD83D", "\uDE00\uD83D", "?\uD800?"})
    void unpairedSurrogatesCannotBeEncoded(String text) {
        Publish publish = new Publish(1, Map.of(), "t", List.of(text), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsgPack.SERIALIZER.encode(publish));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
    }

    @Test
    void questionMarksAreNotMistakenForBrokenSurrogates() throws Exception {
        Publish publish = new Publish(1, Map.of("x_q", "?"), "com.q?", List.of("what? 😀?"), null);
        assertEquals(publish, MsgPack.decode(MsgPack.encode(publish)));
    }
}
