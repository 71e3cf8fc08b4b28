package dev.switchboard.serializer.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.serializer.fuzz.Payloads;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or broken input always ends in a short, single-line DecodeException, never anything else. */
class MalformedInputTest {

    private static final int SHORT = 200;

    // PUBLISH [16, 1, {}, "t", [<value>]]: the prefix up to the args list of one element.
    private static final String ONE_ARG = "85 10 01 a0 61 74 81 ";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                   | empty input
            a0                                   | must be a CBOR array, got a map
            61 72                                | must be a CBOR array, got a text string
            01                                   | must be a CBOR array, got a number
            f6                                   | must be a CBOR array, got null
            43 010203                            | must be a CBOR array, got a byte string
            83 01 61 72 a0 00                    | unexpected data after the message array
            83 01 61 72 a0 83 01 61 72 a0        | unexpected data after the message array
            83 01 61 72                          | malformed CBOR
            83 01 65 72                          | malformed CBOR
            83 01 61                             | malformed CBOR
            83 01 61 72 a1                       | malformed CBOR
            83 01 61 72 a1 61 61                 | malformed CBOR
            83 01 61 72 fb 3ff0                  | malformed CBOR
            83 01 61 72 b9                       | malformed CBOR
            9f 01 61 72 a0                       | malformed CBOR
            83 01 ff a0                          | malformed CBOR
            83 01 61 72 bf 61 61 ff              | malformed CBOR
            83 1c 61 72 a0                       | malformed CBOR
            83 01 7f 41 72 ff a0                 | malformed CBOR
            85 10 01 a0 61 74 81 5a 7fffffff     | malformed CBOR
            85 10 01 a0 61 74 81 5a ffffffff 00  | malformed CBOR
            85 10 01 a0 61 74 81 5b 7fffffffffffffff 00 | malformed CBOR
            85 10 01 a0 61 74 81 7a 7fffffff 61  | malformed CBOR
            85 10 01 a0 61 74 9a 7fffffff f6     | malformed CBOR
            85 10 01 a0 61 74 81 ba 7fffffff f6  | malformed CBOR
            83 01 61 72 a1 01 02                 | map keys must be text strings, got an integer
            83 01 61 72 a1 20 02                 | map keys must be text strings, got an integer
            83 01 61 72 a1 1b ffffffffffffffff 02 | map keys must be text strings, got an integer
            83 01 61 72 a1 41 61 02              | map keys must be text strings, got a byte string
            83 01 61 72 a1 c0 61 61 02           | map keys must be text strings, got a tagged value
            83 01 61 72 a2 61 61 01 01 02        | map keys must be text strings, got an integer
            83 01 61 72 a1 f5 02                 | malformed CBOR
            83 01 61 72 a1 f6 02                 | malformed CBOR
            83 01 61 72 a1 80 02                 | malformed CBOR
            83 01 61 72 a1 a0 02                 | malformed CBOR
            83 01 61 72 a2 61 61 01 61 61 02     | duplicate key "a"
            83 01 61 72 a2 61 61 f6 61 61 f6     | duplicate key "a"
            85 10 01 a0 61 74 81 f0              | CBOR simple value 16 is not a WAMP value
            85 10 01 a0 61 74 81 f8 ff           | CBOR simple value 255 is not a WAMP value
            83 01 62 c328 a0                     | malformed CBOR
            83 01 62 c0af a0                     | malformed CBOR
            83 01 63 eda080 a0                   | malformed CBOR
            83 01 64 f4908080 a0                 | malformed CBOR
            83 01 64 f8888080 a0                 | malformed CBOR
            83 01 61 80 a0                       | malformed CBOR
            83 01 61 c3 a0                       | malformed CBOR
            83 01 61 72 a1 61 ff 01              | malformed CBOR
            80                                   | empty message
            81 1863                              | unknown message type 99
            83 61 31 61 72 a0                    | message type must be an integer
            82 01 61 72                          | HELLO has 2 elements
            83 01 05 a0                          | realm must be a string, got Integer
            83 01 41 72 a0                       | realm must be a string, got byte[]
            83 01 61 72 80                       | details must be a dict
            84 1830 fb 3ff0000000000000 a0 61 70 | request must be an integer, got Double
            84 1830 1b ffffffffffffffff a0 61 70 | request must be an integer, got BigInteger
            85 1830 01 a0 61 70 61 78            | arguments must be a list
            """)
    void rejects(String hex, String reason) {
        DecodeException e = assertThrows(DecodeException.class, () -> Cbor.decode(hex));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
        assertShortAndSingleLine(e);
    }

    @Test
    void invalidUtf8IsNamedAsSuch() {
        DecodeException e = assertThrows(DecodeException.class, () -> Cbor.decode("83 01 62 c328 a0"));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        // The message array is level 1, the args list level 2, so 62 more levels fit.
        int more = WampCborFactory.MAX_NESTING_DEPTH - 2;
        Publish publish = (Publish) Cbor.decode(ONE_ARG + "81 ".repeat(more - 1) + "80");
        assertEquals(1, publish.args().size());
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        int more = WampCborFactory.MAX_NESTING_DEPTH - 1;
        DecodeException e = assertThrows(DecodeException.class, () -> Cbor.decode(ONE_ARG + "81 ".repeat(more - 1) + "80"));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        assertShortAndSingleLine(e);
    }

    @Test
    void rejectsHugeNestingWithoutStackOverflow() {
        assertRejected(Cbor.bytes(ONE_ARG + "a1 61 61 81 ".repeat(100_000)));
        assertRejected(Cbor.bytes(ONE_ARG + "9f ".repeat(100_000)));
    }

    @Test
    void rejectsBignumsBeyondTheLimit() {
        String bytes = "01".repeat(WampCborFactory.MAX_NUMBER_LENGTH + 1);
        assertRejected(Cbor.bytes(ONE_ARG + "c2 58 " + String.format("%02x", WampCborFactory.MAX_NUMBER_LENGTH + 1) + bytes));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 10, 20})
    void rejectsEveryTruncationOfAValidMessage(int cut) {
        byte[] valid = Cbor.SERIALIZER.encode(new Publish(1, Payloads.map("acknowledge", true), "com.t",
                List.of(1, "é", new byte[] {1, 2}, 2.5, 1L << 53), Payloads.map("k", List.of())));
        assertRejected(Arrays.copyOf(valid, valid.length - cut));
    }

    @Test
    void errorMessageDoesNotEchoHugeKeys() {
        String key = "78".repeat(1_000);
        DecodeException dup = assertThrows(DecodeException.class,
                () -> Cbor.decode("83 01 61 72 a2 79 03e8 " + key + " 01 79 03e8 " + key + " 02"));
        assertShortAndSingleLine(dup);
    }

    @Test
    void decodesOnlyTheGivenSliceOfTheArray() throws Exception {
        byte[] framed = Cbor.bytes("ffff 83 11 01 02 ffff");
        assertEquals(new Published(1, 2), Cbor.SERIALIZER.decode(framed, 2, 4));
        assertThrows(DecodeException.class, () -> Cbor.SERIALIZER.decode(framed, 2, 5));
        assertThrows(DecodeException.class, () -> Cbor.SERIALIZER.decode(framed, 2, 3));
    }

    @Test
    void checksKeysAtTheRightPlaceInASliceAtAnOffset() throws Exception {
        // Key checks read the key's first byte from the array: must hold for slices not starting at 0.
        byte[] good = Cbor.bytes("00 01 02 83 01 61 72 a2 61 61 01 62 6262 a1 61 63 02 ff");
        assertEquals(new Hello("r", Payloads.map("a", 1, "bb", Payloads.map("c", 2))), Cbor.SERIALIZER.decode(good, 3, good.length - 4));
        byte[] bad = Cbor.bytes("61 61 61 83 01 61 72 a2 61 61 01 01 02 61");
        DecodeException e = assertThrows(DecodeException.class, () -> Cbor.SERIALIZER.decode(bad, 3, bad.length - 4));
        assertTrue(e.getMessage().contains("map keys must be text strings"), e.getMessage());
    }

    @Test
    void checksKeysAtTheRightPlaceBehindATagInFrontOfTheMessage() throws Exception {
        // Self-described CBOR (tag 55799) in front: the first token's offset still marks the first byte.
        byte[] good = Cbor.bytes("ffff d9d9f7 83 01 61 72 a1 61 61 01");
        assertEquals(new Hello("r", Payloads.map("a", 1)), Cbor.SERIALIZER.decode(good, 2, good.length - 2));
        byte[] bad = Cbor.bytes("ffff d9d9f7 83 01 61 72 a1 01 01");
        DecodeException e = assertThrows(DecodeException.class, () -> Cbor.SERIALIZER.decode(bad, 2, bad.length - 2));
        assertTrue(e.getMessage().contains("map keys must be text strings"), e.getMessage());
    }

    @Test
    void slicesDoNotReadPastTheirEndIntoTheRestOfTheArray() {
        byte[] framed = Cbor.bytes("83 01 63 72 72 a0");
        assertRejected(framed, 0, 4);
    }

    @Test
    void rejectsSliceOutsideTheArrayAsCallerBug() {
        byte[] bytes = Cbor.bytes("83 11 01 02");
        assertThrows(IndexOutOfBoundsException.class, () -> Cbor.SERIALIZER.decode(bytes, 2, 10));
    }

    @Test
    void nothingButDecodeExceptionForRandomGarbage() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) (0x80 | random.nextInt(8)); // mostly arrays, to get past the first check
            }
            try {
                Cbor.SERIALIZER.decode(bytes, 0, bytes.length);
            } catch (DecodeException expected) {
                assertShortAndSingleLine(expected);
            }
        }
    }

    @Test
    void nothingButDecodeExceptionForMutatedValidMessages() {
        Random random = new Random(7);
        byte[] valid = Cbor.SERIALIZER.encode(new Publish(1, Payloads.map("acknowledge", true), "com.t",
                Arrays.asList(1, "é😀", new byte[] {0, 1, 2}, 2.5, null, 1L << 53, -7),
                Payloads.map("k", List.of(Map.of()))));
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                Cbor.SERIALIZER.decode(bytes, 0, random.nextInt(bytes.length + 1));
            } catch (DecodeException expected) {
                assertShortAndSingleLine(expected);
            }
        }
    }

    private static void assertRejected(byte[] bytes) {
        assertRejected(bytes, 0, bytes.length);
    }

    private static void assertRejected(byte[] bytes, int offset, int length) {
        DecodeException e = assertThrows(DecodeException.class, () -> Cbor.SERIALIZER.decode(bytes, offset, length));
        assertShortAndSingleLine(e);
    }

    private static void assertShortAndSingleLine(DecodeException e) {
        String message = e.getMessage();
        assertTrue(message.length() <= SHORT, () -> "too long (" + message.length() + "): " + message);
        assertFalse(message.contains("\n"), () -> "multi-line: " + message);
    }
}
