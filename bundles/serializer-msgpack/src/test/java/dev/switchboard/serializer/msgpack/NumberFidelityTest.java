package dev.switchboard.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.serializer.DecodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Integers stay integers of the narrowest fitting type, floats stay doubles, IDs survive exactly. */
class NumberFidelityTest {

    private static final BigInteger TWO_TO_THE_64_MINUS_1 = new BigInteger("18446744073709551615");

    @Test
    void integersRoundTripToTheNarrowestType() throws Exception {
        List<Object> values = List.of(0, -1, -32, -33, 127, 128, 255, 256, Integer.MAX_VALUE, Integer.MIN_VALUE,
                2147483648L, -2147483649L, 4294967295L, 4294967296L, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE,
                Long.MIN_VALUE, new BigInteger("9223372036854775808"), TWO_TO_THE_64_MINUS_1);
        Publish back = roundTrip(values);
        assertEquals(values, back.args());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i).getClass(), back.args().get(i).getClass(), "element " + i);
        }
    }

    @Test
    void smallBigIntegersShortsAndBytesComeBackAsInteger() throws Exception {
        Publish back = roundTrip(List.of(BigInteger.valueOf(5), (short) 7, (byte) -8, BigInteger.valueOf(1L << 40)));
        assertEquals(List.of(5, 7, -8, 1L << 40), back.args());
    }

    @Test
    void floatsStayDoubles() throws Exception {
        // 100.0 must not come back as the integer 100.
        List<Object> values = List.of(100.0, -0.0, 0.1, 1e-300, Double.MAX_VALUE, Double.MIN_VALUE);
        Publish back = roundTrip(values);
        assertEquals(values, back.args());
        back.args().forEach(v -> assertEquals(Double.class, v.getClass()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) back.args().get(1)));
    }

    @Test
    void floatsAreWrittenAsFloat32AndReadAsTheSameDouble() throws Exception {
        Publish back = roundTrip(List.of(0.1f, 2.5f));
        assertEquals(List.of((double) 0.1f, 2.5), back.args());
    }

    @Test
    void nonFiniteDoublesRoundTripBecauseMsgPackCarriesThem() throws Exception {
        List<Object> values = List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertEquals(values, roundTrip(values).args());
    }

    @Test
    void largestIdIsTwoToThe53() throws Exception {
        Event event = new Event(1L << 53, 1L << 53, Map.of());
        assertEquals(event, MsgPack.decode(MsgPack.encode(event)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cf 0020000000000001", "00", "ff", "d3 ffe0000000000000", "cf 8000000000000000",
            "cf ffffffffffffffff"})
    void idsOutsideOneToTwoToThe53AreRejected(String id) {
        assertThrows(DecodeException.class, () -> MsgPack.decode("94 20 " + id + " 80 a1 74"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551616", "-9223372036854775809", "-18446744073709551616"})
    void integersOutsideMsgPackRangeCannotBeEncoded(String value) {
        Publish publish = new Publish(1, Map.of(), "t", List.of(new BigInteger(value)), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsgPack.SERIALIZER.encode(publish));
        assertTrue(e.getMessage().contains("outside MsgPack's range"), e.getMessage());
    }

    @Test
    void decimalsCannotBeEncoded() {
        Publish publish = new Publish(1, Map.of(), "t", List.of(new BigDecimal("1.10")), null);
        assertThrows(IllegalArgumentException.class, () -> MsgPack.SERIALIZER.encode(publish));
    }

    private static Publish roundTrip(List<Object> args) throws DecodeException {
        return (Publish) MsgPack.decode(MsgPack.encode(new Publish(1, Map.of(), "t", args, null)));
    }
}
