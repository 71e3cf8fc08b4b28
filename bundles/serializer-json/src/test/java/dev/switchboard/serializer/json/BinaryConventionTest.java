package dev.switchboard.serializer.json;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static dev.switchboard.serializer.fuzz.SameValue.comparable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.serializer.DecodeException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** byte[] travels as "\u0000" + base64 anywhere in a message (advanced/serialization_binary_json). */
class BinaryConventionTest {

    // The example from the spec text.
    private static final byte[] SPEC_BYTES = HexFormat.of().parseHex("10e3ff9053075c526f5fc06d4fe37cdb");
    private static final String SPEC_JSON = "\"\\u0000EOP/kFMHXFJvX8BtT+N82w==\"";

    @Test
    void encodesTheSpecExample() {
        Event event = new Event(1, 2, Map.of(), List.of(SPEC_BYTES), null);
        assertEquals("[36,1,2,{},[" + SPEC_JSON + "]]", Json.encode(event));
    }

    @Test
    void decodesTheSpecExample() throws Exception {
        Event event = (Event) Json.decode("[36,1,2,{},[" + SPEC_JSON + "]]");
        assertArrayEquals(SPEC_BYTES, (byte[]) event.args().get(0));
    }

    @Test
    void binaryAnywhereInArgsKwargsAndDetailsRoundTrips() throws Exception {
        byte[] a = {1, 2, 3};
        byte[] b = {(byte) 0xff};
        byte[] empty = {};
        Call call = new Call(5, map("x_blob", a), "com.blob",
                List.of(a, List.of(b, map("deep", List.of(empty))), "text"),
                map("k", b, "list", List.of(map("inner", a))));
        String json = Json.encode(call);
        assertEquals("[48,5,{\"x_blob\":\"\\u0000AQID\"},\"com.blob\",[\"\\u0000AQID\",[\"\\u0000/w==\","
                + "{\"deep\":[\"\\u0000\"]}],\"text\"],{\"k\":\"\\u0000/w==\",\"list\":[{\"inner\":\"\\u0000AQID\"}]}]", json);
        Call back = (Call) Json.decode(json);
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
            Publish publish = (Publish) Json.decode(Json.encode(new Publish(1, Map.of(), "t", List.of(bytes), null)));
            assertArrayEquals(bytes, (byte[]) publish.args().get(0), "length " + length);
        }
    }

    @Test
    void decodesMissingPaddingAndEmptyBinary() throws Exception {
        Publish publish = (Publish) Json.decode("[16,1,{},\"t\",[\"\\u0000/w\",\"\\u0000\"]]");
        assertArrayEquals(new byte[] {(byte) 0xff}, (byte[]) publish.args().get(0));
        assertArrayEquals(new byte[0], (byte[]) publish.args().get(1));
    }

    @Test
    void ordinaryStringsStayStrings() throws Exception {
        Publish publish = (Publish) Json.decode("[16,1,{},\"t\",[\"\",\"AQID\",\"a\\u0000b\"]]");
        assertEquals(List.of("", "AQID", "a\u0000b"), publish.args());
    }

    @Test
    void mapKeysAreNeverBinary() throws Exception {
        Publish publish = (Publish) Json.decode("[16,1,{},\"t\",[],{\"\\u0000AQID\":1}]");
        assertEquals(Map.of("\u0000AQID", 1), publish.kwargs());
    }

    @Test
    void rejectsBadBase64() {
        // "Ł" is U+0141: a careless char-to-byte cast would read it as the valid base64 letter 'A'.
        for (String bad : List.of("\\u0000A", "\\u0000AQID!", "\\u0000AQ=D", "\\u0000AQID====", "\\u0000ü",
                "\\u0000AAAŁ")) {
            DecodeException e = assertThrows(DecodeException.class,
                    () -> Json.decode("[16,1,{},\"t\",[\"" + bad + "\"]]"), bad);
            assertEquals(true, e.getMessage().startsWith("invalid base64"), e.getMessage());
        }
    }

    @Test
    void largeBinaryRoundTrips() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        new Random(3).nextBytes(big);
        byte[] encoded = Json.SERIALIZER.encode(new Publish(1, Map.of(), "t", List.of(big), null));
        Publish back = (Publish) Json.SERIALIZER.decode(encoded, 0, encoded.length);
        assertInstanceOf(byte[].class, back.args().get(0));
        assertArrayEquals(big, (byte[]) back.args().get(0));
    }

    @Test
    void binaryMarkerHelperBuildsTheMarkedTextInOneArray() {
        assertArrayEquals("\u0000EOP/kFMHXFJvX8BtT+N82w==".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                BinaryStrings.encode(SPEC_BYTES));
        assertArrayEquals(new byte[] {0}, BinaryStrings.encode(new byte[0]));
    }
}
