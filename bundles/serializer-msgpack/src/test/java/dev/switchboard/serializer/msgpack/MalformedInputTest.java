package dev.switchboard.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.serializer.fuzz.Payloads;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or broken input always ends in a short, single-line DecodeException, never anything else. */
class MalformedInputTest {

    private static final int SHORT = 200;

    // PUBLISH [16, 1, {}, "t", [<value>]]: the prefix up to the args list of one element.
    private static final String ONE_ARG = "95 10 01 80 a1 74 91 ";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                   | empty input
            80                                   | must be a MsgPack array, got a map
            a1 72                                | must be a MsgPack array, got a string
            01                                   | must be a MsgPack array, got an integer
            c0                                   | must be a MsgPack array, got nil
            c4 01 93                             | must be a MsgPack array, got a binary value
            c1                                   | invalid MsgPack type byte 0xc1
            93 01 a1 72 c1                       | invalid MsgPack type byte 0xc1
            93 01 a1 72 80 00                    | unexpected data after the message array
            93 01 a1 72 80 93 01 a1 72 80        | unexpected data after the message array
            93 01 a1 72                          | truncated MsgPack input
            93 01 a5 72                          | truncated MsgPack input: string of 5 bytes, 1 left
            93 01 a1                             | truncated MsgPack input
            93 01 a1 72 81                       | truncated MsgPack input
            93 01 a1 72 81 a1 61                 | truncated MsgPack input
            93 01 a1 72 cb 3ff0                  | truncated MsgPack input
            93 01 a1 72 de                       | truncated MsgPack input
            95 10 01 80 a1 74 91 c6 7fffffff     | truncated MsgPack input: binary value of 2147483647 bytes, 0 left
            95 10 01 80 a1 74 91 c6 ffffffff     | MsgPack length 4294967295 is too large
            95 10 01 80 a1 74 91 db 7fffffff 61  | truncated MsgPack input: string of 2147483647 bytes, 1 left
            95 10 01 80 a1 74 dd 7fffffff c0     | truncated MsgPack input: array of 2147483647 elements, 1 bytes left
            95 10 01 80 a1 74 dd ffffffff c0     | MsgPack length 4294967295 is too large
            95 10 01 80 a1 74 91 df 7fffffff c0  | truncated MsgPack input: map of 2147483647 entries
            dd 7fffffff                          | truncated MsgPack input
            93 01 a1 72 81 01 02                 | map keys must be strings, got an integer
            93 01 a1 72 81 c3 02                 | map keys must be strings, got a boolean
            93 01 a1 72 81 c2 02                 | map keys must be strings, got a boolean
            93 01 a1 72 81 c0 02                 | map keys must be strings, got nil
            93 01 a1 72 81 ca 3fc00000 02        | map keys must be strings, got a float
            93 01 a1 72 81 c4 01 61 02           | map keys must be strings, got a binary value
            93 01 a1 72 81 90 02                 | map keys must be strings, got an array
            93 01 a1 72 81 80 02                 | map keys must be strings, got a map
            93 01 a1 72 81 d4 01 00 02           | map keys must be strings, got an extension value
            93 01 a1 72 82 a1 61 01 a1 61 02     | duplicate key "a"
            93 01 a1 72 82 a1 61 c0 a1 61 c0     | duplicate key "a"
            95 10 01 80 a1 74 91 d4 01 00        | MsgPack extension type 1 is not a WAMP value
            95 10 01 80 a1 74 91 d6 ff 00000000  | MsgPack extension type -1 is not a WAMP value
            95 10 01 80 a1 74 91 c7 00 05        | MsgPack extension type 5 is not a WAMP value
            93 01 a2 c328 80                     | invalid UTF-8 in a string
            93 01 a2 c0af 80                     | invalid UTF-8 in a string
            93 01 a3 eda080 80                   | invalid UTF-8 in a string
            93 01 a4 f4908080 80                 | invalid UTF-8 in a string
            93 01 a4 f8888080 80                 | invalid UTF-8 in a string
            93 01 a1 80 80                       | invalid UTF-8 in a string
            93 01 a1 c3 80                       | invalid UTF-8 in a string
            93 01 a1 72 81 a1 ff 01              | invalid UTF-8 in a string
            90                                   | empty message
            91 63                                | unknown message type 99
            93 a1 31 a1 72 80                    | message type must be an integer
            92 01 a1 72                          | HELLO has 2 elements
            93 01 05 80                          | realm must be a string, got Integer
            93 01 c4 01 72 80                    | realm must be a string, got byte[]
            93 01 a1 72 90                       | details must be a dict
            94 30 cb 3ff0000000000000 80 a1 70   | request must be an integer, got Double
            94 30 cf ffffffffffffffff 80 a1 70   | request must be an integer, got BigInteger
            95 30 01 80 a1 70 a1 78              | arguments must be a list
            """)
    void rejects(String hex, String reason) {
        DecodeException e = assertThrows(DecodeException.class, () -> MsgPack.decode(hex));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
        assertShortAndSingleLine(e);
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        // The message array is level 1, the args list level 2, so 62 more levels fit.
        int more = MsgPackSerializer.MAX_NESTING_DEPTH - 2;
        Publish publish = (Publish) MsgPack.decode(ONE_ARG + "91 ".repeat(more - 1) + "90");
        assertEquals(1, publish.args().size());
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        int more = MsgPackSerializer.MAX_NESTING_DEPTH - 1;
        DecodeException e = assertThrows(DecodeException.class, () -> MsgPack.decode(ONE_ARG + "91 ".repeat(more - 1) + "90"));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        assertShortAndSingleLine(e);
    }

    @Test
    void rejectsHugeNestingWithoutStackOverflow() {
        assertRejected(MsgPack.bytes(ONE_ARG + "81 a1 61 91 ".repeat(100_000)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 10, 20})
    void rejectsEveryTruncationOfAValidMessage(int cut) throws Exception {
        byte[] valid = MsgPack.SERIALIZER.encode(new Publish(1, Payloads.map("acknowledge", true), "com.t",
                java.util.List.of(1, "é", new byte[] {1, 2}, 2.5, 1L << 53), Payloads.map("k", java.util.List.of())));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - cut);
        assertRejected(truncated);
    }

    @Test
    void errorMessageDoesNotEchoHugeKeys() {
        String key = "78".repeat(1_000);
        DecodeException dup = assertThrows(DecodeException.class,
                () -> MsgPack.decode("93 01 a1 72 82 da 03e8 " + key + " 01 da 03e8 " + key + " 02"));
        assertShortAndSingleLine(dup);
    }

    @Test
    void decodesOnlyTheGivenSliceOfTheArray() throws Exception {
        byte[] framed = MsgPack.bytes("ffff 93 11 01 02 ffff");
        assertEquals(new Published(1, 2), MsgPack.SERIALIZER.decode(framed, 2, 4));
        assertThrows(DecodeException.class, () -> MsgPack.SERIALIZER.decode(framed, 2, 5));
        assertThrows(DecodeException.class, () -> MsgPack.SERIALIZER.decode(framed, 2, 3));
    }

    @Test
    void slicesDoNotReadPastTheirEndIntoTheRestOfTheArray() {
        // The string claims 3 bytes; they exist in the array but not in the slice.
        byte[] framed = MsgPack.bytes("93 01 a3 72 72 80");
        assertRejected(framed, 0, 4);
    }

    @Test
    void rejectsSliceOutsideTheArrayAsCallerBug() {
        byte[] bytes = MsgPack.bytes("93 11 01 02");
        assertThrows(IndexOutOfBoundsException.class, () -> MsgPack.SERIALIZER.decode(bytes, 2, 10));
    }

    @Test
    void nothingButDecodeExceptionForRandomGarbage() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) (0x90 | random.nextInt(8)); // mostly arrays, to get past the first check
            }
            try {
                MsgPack.SERIALIZER.decode(bytes, 0, bytes.length);
            } catch (DecodeException expected) {
                assertShortAndSingleLine(expected);
            }
        }
    }

    @Test
    void nothingButDecodeExceptionForMutatedValidMessages() {
        Random random = new Random(7);
        byte[] valid = MsgPack.SERIALIZER.encode(new Publish(1, Payloads.map("acknowledge", true), "com.t",
                java.util.Arrays.asList(1, "é😀", new byte[] {0, 1, 2}, 2.5, null, 1L << 53, -7),
                Payloads.map("k", java.util.List.of(Payloads.map()))));
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                MsgPack.SERIALIZER.decode(bytes, 0, random.nextInt(bytes.length + 1));
            } catch (DecodeException expected) {
                assertShortAndSingleLine(expected);
            }
        }
    }

    private static void assertRejected(byte[] bytes) {
        assertRejected(bytes, 0, bytes.length);
    }

    private static void assertRejected(byte[] bytes, int offset, int length) {
        DecodeException e = assertThrows(DecodeException.class, () -> MsgPack.SERIALIZER.decode(bytes, offset, length));
        assertShortAndSingleLine(e);
    }

    private static void assertShortAndSingleLine(DecodeException e) {
        String message = e.getMessage();
        assertTrue(message.length() <= SHORT, () -> "too long (" + message.length() + "): " + message);
        assertFalse(message.contains("\n"), () -> "multi-line: " + message);
    }
}
