package dev.switchboard.serializer.msgpack;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
 * Messages next to their MsgPack bytes, worked out by hand from the MessagePack specification (not produced
 * by the code under test): decoded and encoded byte for byte. Spaces separate values.
 */
class GoldenBytesTest {

    private static final long MAX_ID = 1L << 53;

    static Stream<Arguments> golden() {
        return Stream.of(
                // fixarray(3), positive fixint 1, fixstr(1) "r", fixmap(0)
                golden("93 01 a172 80", new Hello("r", Map.of())),
                golden("93 01 a6 7265616c6d31 81 a5 726f6c6573 81 a6 63616c6c6572 80",
                        new Hello("realm1", map("roles", map("caller", Map.of())))),
                // 2^53 needs more than 32 bits: uint 64
                golden("93 02 cf 0020000000000000 80", new Welcome(MAX_ID, Map.of())),
                golden("93 11 01 cf 0020000000000000", new Published(1, MAX_ID)),
                golden("92 23 02", new Unsubscribed(2)),
                golden("93 06 80 ba 77616d702e636c6f73652e676f6f646279655f616e645f6f7574",
                        new Goodbye(Map.of(), "wamp.close.goodbye_and_out")),
                golden("93 31 07 81 a4 6d6f6465 a4 6b696c6c", new Cancel(7, map("mode", "kill"))),
                golden("97 08 30 07 80 bc 77616d702e6572726f722e6e6f5f737563685f70726f636564757265"
                                + " 91 a3 776879 81 a4 636f6465 2a",
                        new Error(48, 7, Map.of(), "wamp.error.no_such_procedure", List.of("why"), map("code", 42))),
                golden("95 30 07 80 a7 636f6d2e616464 92 02 03",
                        new Call(7, Map.of(), "com.add", List.of(2, 3), null)),
                // bin 8 for byte[]
                golden("95 24 2a 2b 80 91 c4 03 010203",
                        new Event(42, 43, Map.of(), List.of(new byte[] {1, 2, 3}), null)),
                // float 64, negative fixint, nil, false, a 2-byte UTF-8 str
                golden("95 10 01 81 ab 61636b6e6f776c65646765 c3 a1 74 95 cb 3ff8000000000000 ff c0 c2 a2 c3a9",
                        new Publish(1, map("acknowledge", true), "t", Arrays.asList(1.5, -1, null, false, "é"), null)),
                // the integer formats at their edges
                golden("95 10 01 80 a1 74 99 cf ffffffffffffffff d3 8000000000000000 ce 80000000 d1 ff7f d0 df 7f"
                                + " cc 80 cd ffff ce 00010000",
                        new Publish(1, Map.of(), "t", List.of(new BigInteger("18446744073709551615"), Long.MIN_VALUE,
                                2147483648L, -129, -33, 127, 128, 65535, 65536), null)),
                // 4-, 2- and 3-byte UTF-8 sequences
                golden("93 01 a4 f09f9880 81 a4 785fc3a9 a3 e4b8ad", new Hello("😀", map("x_é", "中"))),
                // str 8 from 32 bytes on; an empty bin
                golden("95 10 01 80 a1 74 92 d9 20 " + "61".repeat(32) + " c4 00",
                        new Publish(1, Map.of(), "t", List.of("a".repeat(32), new byte[0]), null)));
    }

    private static Arguments golden(String hex, Message message) {
        return Arguments.of(hex, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenBytes(String hex, Message expected) throws Exception {
        Message decoded = MsgPack.decode(hex);
        assertEquals(expected.getClass(), decoded.getClass());
        assertEquals(SameValue.comparable(dev.switchboard.api.serializer.MessageArrays.toArray(expected)),
                SameValue.comparable(dev.switchboard.api.serializer.MessageArrays.toArray(decoded)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesToGoldenBytes(String hex, Message message) {
        assertEquals(hex.replace(" ", ""), MsgPack.encode(message));
    }

    @Test
    void decodesEveryIntegerAndLengthFormNotJustTheShortest() throws Exception {
        Hello hello = new Hello("r", Map.of());
        assertEquals(hello, MsgPack.decode("93 01 d9 01 72 80"));                  // str 8
        assertEquals(hello, MsgPack.decode("93 01 da 0001 72 de 0000"));           // str 16, map 16
        assertEquals(hello, MsgPack.decode("93 01 db 00000001 72 df 00000000"));   // str 32, map 32
        assertEquals(hello, MsgPack.decode("dc 0003 01 a1 72 80"));                // array 16
        assertEquals(hello, MsgPack.decode("dd 00000003 01 a1 72 80"));            // array 32
        assertEquals(hello, MsgPack.decode("93 cf 0000000000000001 a1 72 80"));    // uint 64
        assertEquals(hello, MsgPack.decode("93 d3 0000000000000001 a1 72 80"));    // int 64
        assertEquals(hello, MsgPack.decode("93 d0 01 a1 72 80"));                  // int 8
        assertEquals(hello, MsgPack.decode("93 cc 01 a1 72 80"));                  // uint 8
        for (String bin : List.of("c4 01 ff", "c5 0001 ff", "c6 00000001 ff")) {
            Event event = (Event) MsgPack.decode("95 24 2a 2b 80 91 " + bin);
            assertArrayEquals(new byte[] {(byte) 0xff}, (byte[]) event.args().get(0), bin);
        }
    }

    @Test
    void decodesFloat32AsDouble() throws Exception {
        Publish publish = (Publish) MsgPack.decode("95 10 01 80 a1 74 92 ca 3fc00000 ca 3dcccccd");
        assertEquals(List.of(1.5, (double) 0.1f), publish.args());
        assertInstanceOf(Double.class, publish.args().get(1));
    }

    @Test
    void acceptsNonCanonicalPayloadShapes() throws Exception {
        // Empty trailing args/kwargs are legal on the wire; the encoder leaves them out.
        Message call = MsgPack.decode("96 30 07 80 a7 636f6d2e616464 90 80");
        assertEquals(new Call(7, Map.of(), "com.add", List.of(), Map.of()), call);
        assertEquals("94 30 07 80 a7 636f6d2e616464".replace(" ", ""), MsgPack.encode(call));
    }
}
