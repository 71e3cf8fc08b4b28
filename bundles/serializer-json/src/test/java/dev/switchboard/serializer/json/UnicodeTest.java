package dev.switchboard.serializer.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Publish;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text is UTF-8 on the wire, non-BMP characters included; escapes decode to the same strings. */
class UnicodeTest {

    private static final String TEXT = "ascii é € 中文 😀 𝄞"; // 1-, 2-, 3- and 4-byte UTF-8 sequences

    @Test
    void writesRawUtf8IncludingFourByteSequences() {
        byte[] encoded = Json.SERIALIZER.encode(new Hello("r", Map.of("x_text", TEXT)));
        byte[] expected = ("[1,\"r\",{\"x_text\":\"" + TEXT + "\"}]").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, encoded);
        // The emoji as one 4-byte sequence, not a CESU-8 style pair of 3-byte surrogates.
        String hex = java.util.HexFormat.of().formatHex(encoded);
        assertEquals(true, hex.contains("f09f9880"), hex);
    }

    @Test
    void decodesRawUtf8() throws Exception {
        Hello hello = (Hello) Json.decode("[1,\"" + TEXT + "\",{\"" + TEXT + "\":\"" + TEXT + "\"}]");
        assertEquals(new Hello(TEXT, Map.of(TEXT, TEXT)), hello);
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() throws Exception {
        Publish publish = (Publish) Json.decode(
                "[16,1,{},\"t\",[\"\\u00e9\\u20ac\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\"]]");
        assertEquals(List.of("é€😀\"\\/\b\f\n\r\t"), publish.args());
    }

    @Test
    void escapesControlCharactersQuotesAndBackslashes() {
        Publish publish = new Publish(1, Map.of(), "t", List.of("a\"b\\c\nd\u0001e/"), null);
        assertEquals("[16,1,{},\"t\",[\"a\\\"b\\\\c\\nd\\u0001e/\"]]", Json.encode(publish));
    }

    @Test
    void loneSurrogatesTravelAsEscapesAndSurvive() throws Exception {
        // Java strings may hold them (e.g. from "\\ud800" on the wire); raw UTF-8 cannot, escapes can.
        Publish publish = new Publish(1, Map.of(), "t", List.of("a\uD800b", "\uDC00"), null);
        assertEquals("[16,1,{},\"t\",[\"a\\uD800b\",\"\\uDC00\"]]", Json.encode(publish));
        assertEquals(publish, Json.decode(Json.encode(publish)));
    }

    @Test
    void nonBmpTextRoundTrips() throws Exception {
        Publish publish = new Publish(1, Map.of("x_" + TEXT, TEXT), TEXT, List.of(TEXT), Map.of(TEXT, List.of(TEXT)));
        assertEquals(publish, Json.decode(Json.encode(publish)));
    }
}
