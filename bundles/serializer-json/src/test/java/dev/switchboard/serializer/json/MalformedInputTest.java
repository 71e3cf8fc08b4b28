package dev.switchboard.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Publish;
import dev.switchboard.api.serializer.DecodeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or broken input always ends in a short, single-line DecodeException, never anything else. */
class MalformedInputTest {

    private static final int SHORT = 200;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                          | empty input
            `   `                                       | empty input
            {}                                          | must be a JSON array, got an object
            "hello"                                     | must be a JSON array, got a string
            1                                           | must be a JSON array, got a number
            null                                        | must be a JSON array, got null
            [1,"r",{}] x                                | malformed JSON
            [1,"r",{}][2]                               | unexpected data after the message array
            [1,"r",{}] {}                               | unexpected data after the message array
            [1,"r",{}                                   | malformed JSON
            [1,"r",{"a":                                | malformed JSON
            [1,"r",{},]                                 | malformed JSON
            [1,'r',{}]                                  | malformed JSON
            [1,"r",{1:2}]                               | malformed JSON
            [1,"r",{a:2}]                               | malformed JSON
            [1,"r",{"a":1,"a":2}]                       | duplicate key "a"
            [16,1,{},"t",[{"k":{"x":1,"y":2,"x":3}}]]   | duplicate key "x"
            [16,1,{},"t",[NaN]]                         | malformed JSON
            [16,1,{},"t",[Infinity]]                    | malformed JSON
            [16,1,{},"t",[-Infinity]]                   | malformed JSON
            [16,1,{},"t",[1e400]]                       | out of the double range
            [16,1,{},"t",[-1e400]]                      | out of the double range
            /* c */ [1,"r",{}]                          | malformed JSON
            [1,"r",{}] // c                             | malformed JSON
            [01,"r",{}]                                 | malformed JSON
            [1,"r",{"a":undefined}]                     | malformed JSON
            [1,"r",{"a":True}]                          | malformed JSON
            [16,1,{},"t",["\\u0000***"]]                | invalid base64
            [16,1,{},"t",["\\u0000QUJD"],{"k":"\\u0000é"}] | invalid base64
            []                                          | empty message
            [999]                                       | message type 999 is out of range
            [7,{}]                                      | unknown message type 7
            ["1","r",{}]                                | message type must be an integer
            [1,"r"]                                     | HELLO has 2 elements
            [1,5,{}]                                    | realm must be a string, got Integer
            [1,"\\u0000cmVhbG0=",{}]                    | realm must be a string, got byte[]
            [1,"r",[]]                                  | details must be a dict
            [48,1.0,{},"p"]                             | request must be an integer, got Double
            [48,1e2,{},"p"]                             | request must be an integer, got Double
            [48,99999999999999999999,{},"p"]            | request must be an integer, got BigInteger
            [48,1,{},"p","notalist"]                    | arguments must be a list
            """)
    void rejects(String json, String reason) {
        DecodeException e = assertThrows(DecodeException.class, () -> Json.decode(json));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
        assertShortAndSingleLine(e);
    }

    @Test
    void reasonLeavesOutJacksonsLocationDetails() {
        DecodeException e = assertThrows(DecodeException.class, () -> Json.decode("[1,\"r\",{"));
        assertEquals("malformed JSON: Unexpected end-of-input: expected close marker for Object (line 1, column 9)",
                e.getMessage());
    }

    @Test
    void rejectsUnescapedControlCharacterInString() {
        assertRejected("[1,\"re\u0001alm\",{}]".getBytes(StandardCharsets.UTF_8));
    }

    /** Guards the parser choice: Jackson's Reader-based fallback would replace bad bytes with U+FFFD. */
    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = "[1,\"realm\",{}]".getBytes(StandardCharsets.UTF_8);
        bytes[4] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        assertRejected(bytes);
    }

    @Test
    void rejectsOverlongUtf8() {
        byte[] prefix = "[1,\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\",{}]".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xC0; // overlong encoding of '/'
        bytes[prefix.length + 1] = (byte) 0xAF;
        System.arraycopy(suffix, 0, bytes, prefix.length + 2, suffix.length);
        assertRejected(bytes);
    }

    @Test
    void rejectsUtf16EvenWithByteOrderMark() {
        // RFC 8259: JSON exchanged between systems is UTF-8; no charset guessing.
        assertRejected("\uFEFF[1,\"realm\",{}]".getBytes(StandardCharsets.UTF_16BE));
        assertRejected("[1,\"realm\",{}]".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        // The message array is level 1, the args list level 2, so 62 more levels fit.
        String nested = "[".repeat(WampJsonFactory.MAX_NESTING_DEPTH - 2) + "]".repeat(WampJsonFactory.MAX_NESTING_DEPTH - 2);
        Publish publish = (Publish) Json.decode("[16,1,{},\"t\",[" + nested + "]]");
        assertEquals(1, publish.args().size());
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        String nested = "[".repeat(WampJsonFactory.MAX_NESTING_DEPTH - 1) + "]".repeat(WampJsonFactory.MAX_NESTING_DEPTH - 1);
        DecodeException e = assertThrows(DecodeException.class, () -> Json.decode("[16,1,{},\"t\",[" + nested + "]]"));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        assertShortAndSingleLine(e);
    }

    @Test
    void rejectsHugeNestingWithoutStackOverflow() {
        String hostile = "[16,1,{},\"t\",[" + "{\"a\":[".repeat(100_000);
        assertRejected(hostile.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsOverlongNumbers() {
        String digits = "1".repeat(WampJsonFactory.MAX_NUMBER_LENGTH + 1);
        assertRejected(("[16,1,{},\"t\",[" + digits + "]]").getBytes(StandardCharsets.UTF_8));
        assertRejected(("[16,1,{},\"t\",[0." + digits + "]]").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsLongestAllowedNumber() throws Exception {
        String digits = "1".repeat(WampJsonFactory.MAX_NUMBER_LENGTH);
        Publish publish = (Publish) Json.decode("[16,1,{},\"t\",[" + digits + "]]");
        assertEquals(new java.math.BigInteger(digits), publish.args().get(0));
    }

    @Test
    void limitsKeyLength() throws Exception {
        String longest = "k".repeat(WampJsonFactory.MAX_NAME_LENGTH);
        assertEquals(java.util.Map.of(longest, 1), ((Publish) Json.decode("[16,1,{},\"t\",[],{\"" + longest + "\":1}]")).kwargs());
        assertRejected(("[16,1,{},\"t\",[],{\"" + longest + "k\":1}]").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void errorMessageDoesNotEchoHugeTokens() {
        String hugeToken = "x".repeat(100_000);
        DecodeException e = assertThrows(DecodeException.class, () -> Json.decode("[1,\"r\",{}," + hugeToken + "]"));
        assertShortAndSingleLine(e);
        String longKey = "k".repeat(WampJsonFactory.MAX_NAME_LENGTH);
        DecodeException dup = assertThrows(DecodeException.class,
                () -> Json.decode("[1,\"r\",{\"" + longKey + "\":1,\"" + longKey + "\":2}]"));
        assertTrue(dup.getMessage().startsWith("duplicate key"), dup.getMessage());
        assertShortAndSingleLine(dup);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "]", "[1,", "\"", "[1,\"r", "[1,\"r\\", "[1,\"r\\u00", "{", "tru", "-", "[-]", "[1.]", "[.5]"})
    void rejectsTruncatedAndBrokenTokens(String json) {
        assertRejected(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesOnlyTheGivenSliceOfTheArray() throws Exception {
        byte[] framed = "xx[17,1,2]yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(new dev.switchboard.api.message.Published(1, 2), Json.SERIALIZER.decode(framed, 2, 8));
        assertThrows(DecodeException.class, () -> Json.SERIALIZER.decode(framed, 2, 9));
    }

    @Test
    void rejectsSliceOutsideTheArrayAsCallerBug() {
        byte[] bytes = "[17,1,2]".getBytes(StandardCharsets.UTF_8);
        assertThrows(IndexOutOfBoundsException.class, () -> Json.SERIALIZER.decode(bytes, 4, 10));
    }

    @Test
    void nothingButDecodeExceptionForRandomGarbage() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "[]{}\",:0123456789.-+eE truefalsn\\u0000abc";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            try {
                Json.SERIALIZER.decode(bytes, 0, bytes.length);
            } catch (DecodeException expected) {
                assertShortAndSingleLine(expected);
            }
        }
    }

    @Test
    void nothingButDecodeExceptionForMutatedValidMessages() {
        java.util.Random random = new java.util.Random(7);
        byte[] valid = "[16,1,{\"acknowledge\":true},\"com.t\",[1,\"\\u0000AAEC\",2.5,null],{\"k\":[{}]}]"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                Json.SERIALIZER.decode(bytes, 0, random.nextInt(bytes.length + 1));
            } catch (DecodeException expected) {
                assertShortAndSingleLine(expected);
            }
        }
    }

    private static void assertRejected(byte[] bytes) {
        DecodeException e = assertThrows(DecodeException.class, () -> Json.SERIALIZER.decode(bytes, 0, bytes.length));
        assertShortAndSingleLine(e);
    }

    private static void assertShortAndSingleLine(DecodeException e) {
        String message = e.getMessage();
        assertTrue(message.length() <= SHORT, () -> "too long (" + message.length() + "): " + message);
        assertFalse(message.contains("\n"), () -> "multi-line: " + message);
    }
}
