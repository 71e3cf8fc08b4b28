package dev.switchboard.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Unsubscribed;
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
    void integersDecodeToTheNarrowestType() throws Exception {
        Publish p = (Publish) Json.decode("[16,1,{},\"t\",[0,-1,2147483647,2147483648,-2147483648,-2147483649,"
                + "9007199254740993,9223372036854775807,9223372036854775808,-9223372036854775809]]");
        List<Object> expected = List.of(0, -1, Integer.MAX_VALUE, 2147483648L, Integer.MIN_VALUE, -2147483649L,
                9007199254740993L, Long.MAX_VALUE, new BigInteger("9223372036854775808"),
                new BigInteger("-9223372036854775809"));
        assertEquals(expected, p.args());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getClass(), p.args().get(i).getClass(), "element " + i);
        }
    }

    @Test
    void floatsDecodeToDouble() throws Exception {
        Publish p = (Publish) Json.decode("[16,1,{},\"t\",[1.5,-0.0,1e2,1E-3,0.1,1.0]]");
        assertEquals(List.of(1.5, -0.0, 100.0, 0.001, 0.1, 1.0), p.args());
        p.args().forEach(v -> assertEquals(Double.class, v.getClass()));
    }

    @Test
    void encodesNumbersExactly() {
        Publish p = new Publish(1, Map.of(), "t", List.of(1L << 53, Long.MAX_VALUE, Long.MIN_VALUE, -1, 0,
                new BigInteger("123456789012345678901234567890"), 1.5, 100.0, 0.1, 2.5f, (short) 7, (byte) -8,
                new BigDecimal("1.10")), null);
        assertEquals("[16,1,{},\"t\",[9007199254740992,9223372036854775807,-9223372036854775808,-1,0,"
                + "123456789012345678901234567890,1.5,100.0,0.1,2.5,7,-8,1.10]]", Json.encode(p));
    }

    @Test
    void floatsStayFloatsThroughARoundTrip() throws Exception {
        // 100.0 must not come back as the integer 100.
        Publish p = new Publish(1, Map.of(), "t", List.of(100.0, -0.0, 1e-300, Double.MAX_VALUE), null);
        assertEquals(p, Json.decode(Json.encode(p)));
    }

    @Test
    void largestIdIsTwoToThe53() throws Exception {
        assertEquals(new Event(1L << 53, 1L << 53, Map.of()), Json.decode("[36,9007199254740992,9007199254740992,{}]"));
        assertEquals("[36,9007199254740992,9007199254740992,{}]", Json.encode(new Event(1L << 53, 1L << 53, Map.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740993", "0", "-1", "-9007199254740992", "9223372036854775808"})
    void idsOutsideOneToTwoToThe53AreRejected(String id) {
        assertThrows(DecodeException.class, () -> Json.decode("[32," + id + ",{},\"t\"]"));
    }

    @Test
    void smallestIdIsOne() throws Exception {
        assertEquals(new Subscribe(1, Map.of(), "t"), Json.decode("[32,1,{},\"t\"]"));
    }

    @Test
    void routerInitiatedUnsubscribedMayUseRequestZeroButNotMinusOne() throws Exception {
        assertEquals(new Unsubscribed(0, Map.of("subscription", 5)), Json.decode("[35,0,{\"subscription\":5}]"));
        assertThrows(DecodeException.class, () -> Json.decode("[35,-1,{\"subscription\":5}]"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteDoublesCannotBeEncoded(double value) {
        Publish p = new Publish(1, Map.of(), "t", List.of(value), null);
        assertThrows(IllegalArgumentException.class, () -> Json.SERIALIZER.encode(p));
    }

    @Test
    void nonFiniteFloatsCannotBeEncoded() {
        Publish p = new Publish(1, Map.of(), "t", List.of(Float.NaN), null);
        assertThrows(IllegalArgumentException.class, () -> Json.SERIALIZER.encode(p));
    }
}
