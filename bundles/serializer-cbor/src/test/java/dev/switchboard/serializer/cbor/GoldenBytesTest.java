package dev.switchboard.serializer.cbor;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.serializer.fuzz.SameValue;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages next to their CBOR bytes, worked out by hand from RFC 8949 (not produced by the code under test):
 * decoded and encoded byte for byte. Spaces separate values.
 */
class GoldenBytesTest {

    private static final long MAX_ID = 1L << 53;

    static Stream<Arguments> golden() {
        return Stream.of(
                // array(3), unsigned 1, text(1) "r", map(0)
                golden("83 01 6172 a0", new Hello("r", Map.of())),
                golden("83 01 66 7265616c6d31 a1 65 726f6c6573 a1 66 63616c6c6572 a0",
                        new Hello("realm1", map("roles", map("caller", Map.of())))),
                // 2^53 needs more than 32 bits: additional information 27, 8-byte argument
                golden("83 02 1b 0020000000000000 a0", new Welcome(MAX_ID, Map.of())),
                golden("83 11 01 1b 0020000000000000", new Published(1, MAX_ID)),
                // 35 is not below 24: one-byte argument
                golden("82 1823 02", new Unsubscribed(2)),
                golden("83 06 a0 781a 77616d702e636c6f73652e676f6f646279655f616e645f6f7574",
                        new Goodbye(Map.of(), "wamp.close.goodbye_and_out")),
                golden("83 1831 07 a1 64 6d6f6465 64 6b696c6c", new Cancel(7, map("mode", "kill"))),
                golden("87 08 1830 07 a0 781c 77616d702e6572726f722e6e6f5f737563685f70726f636564757265"
                                + " 81 63 776879 a1 64 636f6465 182a",
                        new Error(48, 7, Map.of(), "wamp.error.no_such_procedure", List.of("why"), map("code", 42))),
                golden("85 1830 07 a0 67 636f6d2e616464 82 02 03",
                        new Call(7, Map.of(), "com.add", List.of(2, 3), null)),
                // byte string for byte[]
                golden("85 1824 182a 182b a0 81 43 010203",
                        new Event(42, 43, Map.of(), List.of(new byte[] {1, 2, 3}), null)),
                // float 64, negative -1, null, false, true, a 2-byte UTF-8 text
                golden("85 10 01 a1 6b 61636b6e6f776c65646765 f5 61 74 85 fb 3ff8000000000000 20 f6 f4 62 c3a9",
                        new Publish(1, map("acknowledge", true), "t", Arrays.asList(1.5, -1, null, false, "é"), null)),
                // the integer forms at their edges; 2^64 - 1 as major type 0, beyond 64 bits as bignums
                golden("85 10 01 a0 61 74 8e 1b ffffffffffffffff 3b 7fffffffffffffff 1a 80000000 3880 3818 17 1818"
                                + " 18ff 190100 19ffff 1a00010000 1b 0000000100000000 c3 48 ffffffffffffffff"
                                + " c2 49 010000000000000000",
                        new Publish(1, Map.of(), "t", List.of(new BigInteger("18446744073709551615"), Long.MIN_VALUE,
                                2147483648L, -129, -25, 23, 24, 255, 256, 65535, 65536, 4294967296L,
                                new BigInteger("-18446744073709551616"), new BigInteger("18446744073709551616")), null)),
                // 4-, 2- and 3-byte UTF-8 sequences
                golden("83 01 64 f09f9880 a1 64 785fc3a9 63 e4b8ad", new Hello("😀", map("x_é", "中"))),
                // text(24) takes a one-byte length; an empty byte string
                golden("85 10 01 a0 61 74 82 7818 " + "61".repeat(24) + " 40",
                        new Publish(1, Map.of(), "t", List.of("a".repeat(24), new byte[0]), null)));
    }

    private static Arguments golden(String hex, Message message) {
        return Arguments.of(hex, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenBytes(String hex, Message expected) throws Exception {
        Message decoded = Cbor.decode(hex);
        assertEquals(expected.getClass(), decoded.getClass());
        assertEquals(SameValue.comparable(MessageArrays.toArray(expected)), SameValue.comparable(MessageArrays.toArray(decoded)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesToGoldenBytes(String hex, Message message) {
        assertEquals(hex.replace(" ", ""), Cbor.encode(message));
    }

    @Test
    void decodesIndefiniteLengthsChunksLongerArgumentsAndTags() throws Exception {
        Hello hello = new Hello("r", Map.of());
        assertEquals(hello, Cbor.decode("9f 01 61 72 a0 ff"));                   // indefinite array
        assertEquals(hello, Cbor.decode("83 01 61 72 bf ff"));                   // indefinite map
        assertEquals(hello, Cbor.decode("83 01 7f 61 72 ff a0"));                // chunked text
        assertEquals(new Hello("realm", Map.of()), Cbor.decode("83 01 7f 62 7265 63 616c6d ff a0"));
        assertEquals(hello, Cbor.decode("d9d9f7 83 01 61 72 a0"));               // self-described CBOR (tag 55799)
        assertEquals(hello, Cbor.decode("83 1b 0000000000000001 61 72 a0"));     // 8-byte argument for 1
        assertEquals(hello, Cbor.decode("83 18 01 61 72 a0"));                   // 1-byte argument for 1
        assertEquals(hello, Cbor.decode("98 03 01 61 72 a0"));                   // 1-byte array length
        assertEquals(hello, Cbor.decode("83 01 78 01 72 b8 00"));                // 1-byte text and map lengths
        assertEquals(hello, Cbor.decode("83 01 d8 20 61 72 a0"));                // tag 32 (URI) on text
        Event event = (Event) Cbor.decode("85 1824 182a 182b a0 81 5f 41 01 42 0203 ff");   // chunked bytes
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) event.args().get(0));
    }

    @Test
    void decodesHalfSingleAndDecimalFloatsAsDouble() throws Exception {
        Publish publish = (Publish) Cbor.decode("85 10 01 a0 61 74 84 f9 3e00 fa 3fc00000 fa 3dcccccd c4 82 21 19 6ab3");
        assertEquals(List.of(1.5, 1.5, (double) 0.1f, 273.15), publish.args());
        publish.args().forEach(v -> assertInstanceOf(Double.class, v));
    }

    @Test
    void decodesBignumsOfSmallValuesToTheNarrowestType() throws Exception {
        // (Not c3 40: Jackson reads tag 3 with an empty byte string as 0 where RFC 8949 says -1. No encoder
        // writes -1 that way.)
        Publish publish = (Publish) Cbor.decode("85 10 01 a0 61 74 84 c2 41 05 c3 41 00 c2 45 0100000000 c3 48 7fffffffffffffff");
        assertEquals(List.of(5, -1, 4294967296L, Long.MIN_VALUE), publish.args());
    }

    @Test
    void decodesUndefinedAsNull() throws Exception {
        Publish publish = (Publish) Cbor.decode("85 10 01 a0 61 74 81 f7");
        assertNull(publish.args().get(0));
    }

    @Test
    void acceptsNonCanonicalPayloadShapes() throws Exception {
        // Empty trailing args/kwargs are legal on the wire; the encoder leaves them out.
        Message call = Cbor.decode("86 1830 07 a0 67 636f6d2e616464 80 a0");
        assertEquals(new Call(7, Map.of(), "com.add", List.of(), Map.of()), call);
        assertEquals("84 1830 07 a0 67 636f6d2e616464".replace(" ", ""), Cbor.encode(call));
    }
}
