package dev.switchboard.serializer.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void integersRoundTripToTheNarrowestType() throws Exception {
        List<Object> values = List.of(0, -1, 23, 24, -24, -25, 255, 256, Integer.MAX_VALUE, Integer.MIN_VALUE,
                2147483648L, -2147483649L, 4294967295L, 4294967296L, -4294967296L, -4294967297L, 1L << 53,
                (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("9223372036854775808"),
                new BigInteger("18446744073709551615"), new BigInteger("-9223372036854775809"),
                new BigInteger("-18446744073709551616"), new BigInteger("123456789012345678901234567890"),
                new BigInteger("-123456789012345678901234567890"));
        Publish back = roundTrip(values);
        assertEquals(values, back.args());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i).getClass(), back.args().get(i).getClass(), "element " + i);
        }
    }

    @Test
    void smallBigIntegersShortsAndBytesComeBackNarrow() throws Exception {
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
        Publish publish = new Publish(1, Map.of(), "t", List.of(0.1f, 2.5f), null);
        assertEquals("8510 01a0 6174 82 fa3dcccccd fa40200000".replace(" ", ""), Cbor.encode(publish));
        assertEquals(List.of((double) 0.1f, 2.5), roundTrip(List.of(0.1f, 2.5f)).args());
    }

    @Test
    void nonFiniteDoublesRoundTripBecauseCborCarriesThem() throws Exception {
        List<Object> values = List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertEquals(values, roundTrip(values).args());
    }

    @Test
    void largestIdIsTwoToThe53() throws Exception {
        Event event = new Event(1L << 53, 1L << 53, Map.of());
        assertEquals(event, Cbor.decode(Cbor.encode(event)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1b 0020000000000001", "00", "20", "3b 001fffffffffffff", "1b 8000000000000000",
            "1b ffffffffffffffff", "c2 49 010000000000000000"})
    void idsOutsideOneToTwoToThe53AreRejected(String id) {
        assertThrows(DecodeException.class, () -> Cbor.decode("84 1820 " + id + " a0 61 74"));
    }

    @Test
    void decimalsCannotBeEncoded() {
        Publish publish = new Publish(1, Map.of(), "t", List.of(new BigDecimal("1.10")), null);
        assertThrows(IllegalArgumentException.class, () -> Cbor.SERIALIZER.encode(publish));
    }

    @Test
    void integersBeyondTheBignumLimitCannotBeEncoded() {
        Publish publish = new Publish(1, Map.of(), "t", List.of(BigInteger.ONE.shiftLeft(8 * 101)), null);
        assertThrows(IllegalArgumentException.class, () -> Cbor.SERIALIZER.encode(publish));
    }

    @Test
    void bignumsUpToTheLimitRoundTrip() throws Exception {
        BigInteger largest = BigInteger.ONE.shiftLeft(8 * WampCborFactory.MAX_NUMBER_LENGTH).subtract(BigInteger.ONE);
        assertEquals(List.of(largest, largest.negate()), roundTrip(List.of(largest, largest.negate())).args());
    }

    private static Publish roundTrip(List<Object> args) throws DecodeException {
        return (Publish) Cbor.decode(Cbor.encode(new Publish(1, Map.of(), "t", args, null)));
    }
}
