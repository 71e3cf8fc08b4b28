package dev.switchboard.serializer.fuzz;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static dev.switchboard.serializer.fuzz.SameValue.comparable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.serializer.Serializer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Encoding big, deep and unusual payloads; what cannot be encoded fails loudly with IllegalArgumentException. A
 * serializer's test extends this class and names the serializer, its nesting limit, the sizes around its encoder's
 * buffers and its encoding of one small message.
 */
public abstract class EncodeContract {


    /** The serializer under test. */
    protected abstract Serializer serializer();

    /** The deepest nesting of lists and maps the serializer writes, the message array included. */
    protected abstract int maxNestingDepth();

    /** Payload sizes around the encoder's internal buffer sizes and thresholds. */
    protected abstract int[] bufferBoundarySizes();

    /** How {@code [50, 1, {}, [null], {"a": null}]} (a RESULT with nulls in its payload) looks: see {@link #show}. */
    protected abstract String resultWithNulls();

    /** Encoded bytes as a test can compare them: hex digits unless a text format says otherwise. */
    protected String show(byte[] encoded) {
        return HexFormat.of().formatHex(encoded);
    }

    private Message roundTrip(Message message) throws Exception {
        byte[] encoded = serializer().encode(message);
        return serializer().decode(encoded, 0, encoded.length);
    }

    @Test
    public void encodesBigPayloads() throws Exception {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            args.add(i % 3 == 0 ? "element-" + i : i % 3 == 1 ? (Object) (3_000_000_000L + i) : map("i", i, "ok", true));
        }
        String bigText = "x".repeat(5 * 1024 * 1024);
        Publish publish = new Publish(1, Map.of(), "com.big", args, map("text", bigText));

        byte[] encoded = serializer().encode(publish);

        assertTrue(encoded.length > bigText.length(), "length " + encoded.length);
        assertEquals(publish, serializer().decode(encoded, 0, encoded.length));
    }

    @Test
    public void encodesEverySizeAroundTheEncodersBuffers() throws Exception {
        for (int size : bufferBoundarySizes()) {
            for (Object value : List.of("y".repeat(size), new byte[size])) {
                Publish publish = new Publish(1, Map.of(), "t", List.of(value, "after", 1), null);
                Publish back = (Publish) roundTrip(publish);
                assertEquals(comparable(publish.args()), comparable(back.args()), "size " + size);
            }
        }
    }

    @Test
    public void encodesNestingUpToTheLimit() throws Exception {
        Object nested = List.of();
        for (int level = 3; level < maxNestingDepth(); level++) {
            nested = List.of(nested); // message array and args list take the first two levels
        }
        Publish publish = new Publish(1, Map.of(), "t", List.of(nested), null);
        assertEquals(publish, roundTrip(publish));
    }

    @Test
    public void refusesNestingBeyondTheLimit() {
        Object nested = List.of();
        for (int level = 2; level < maxNestingDepth(); level++) {
            nested = List.of(nested);
        }
        Publish publish = new Publish(1, Map.of(), "t", List.of(nested), null);
        assertThrows(IllegalArgumentException.class, () -> serializer().encode(publish));
    }

    @Test
    public void refusesCyclicPayloadsWithoutStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class,
                () -> serializer().encode(new Publish(1, Map.of(), "t", cycle, null)));
    }

    @Test
    public void refusesNonStringMapKeys() {
        Map<Object, Object> kwargs = new HashMap<>();
        kwargs.put(1, "one");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Message m = new Result(1, Map.of(), List.of(), (Map) kwargs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer().encode(m));
        assertTrue(e.getMessage().contains("map keys must be strings"), e.getMessage());
    }

    @Test
    public void refusesValuesOutsideTheMessageModel() {
        for (Object odd : List.of(new Object(), new AtomicLong(1), 'c', new int[] {1})) {
            Publish publish = new Publish(1, Map.of(), "t", List.of(odd), null);
            assertThrows(IllegalArgumentException.class, () -> serializer().encode(publish), odd.toString());
        }
    }

    /**
     * Serializers reuse their generators and buffers between encodes: each result is exactly its own message,
     * also right after an encode that failed halfway through a value and after a big one.
     */
    @Test
    public void eachEncodeStandsAloneAfterFailedAndBigOnes() throws Exception {
        Publish plain = new Publish(7, Map.of(), "t", List.of(1, "x"), null);
        byte[] expected = serializer().encode(plain);
        Publish broken = new Publish(8, Map.of(), "t", List.of(1, List.of(2, new Object())), null);
        Publish big = new Publish(9, Map.of(), "t", List.of("y".repeat(200_000)), null);
        for (int i = 0; i < 40; i++) {
            assertThrows(IllegalArgumentException.class, () -> serializer().encode(broken));
            assertArrayEquals(expected, serializer().encode(plain), () -> show(serializer().encode(plain)));
            assertEquals(big, roundTrip(big));
            assertArrayEquals(expected, serializer().encode(plain));
        }
    }

    /**
     * Whether the format announces a list's length before its elements (MsgPack, CBOR): then a list whose size lies
     * must be refused; a format without such headers (JSON) writes the elements there are.
     */
    protected boolean writesLengthHeaders() {
        return true;
    }

    @Test
    public void refusesAListWhoseSizeLiesWhereTheFormatAnnouncesLengths() throws Exception {
        // A header announcing more elements than follow would desynchronise the peer's decoder.
        List<Object> liar = new AbstractList<>() {
            @Override
            public Object get(int index) {
                throw new IndexOutOfBoundsException();
            }

            @Override
            public int size() {
                return 2;
            }

            @Override
            public java.util.Iterator<Object> iterator() {
                return List.<Object>of(1).iterator();
            }
        };
        Publish publish = new Publish(1, Map.of(), "t", liar, null);
        if (writesLengthHeaders()) {
            assertThrows(IllegalArgumentException.class, () -> serializer().encode(publish));
        } else {
            assertEquals(List.of(1), ((Publish) roundTrip(publish)).args());
        }
    }

    @Test
    public void writesNullsInsidePayloads() {
        Map<String, Object> kwargs = map("a", null);
        List<Object> args = new ArrayList<>();
        args.add(null);
        assertEquals(resultWithNulls(), show(serializer().encode(new Result(1, Map.of(), args, kwargs))));
    }

    @Test
    public void sharedSerializerIsSafeAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 1; i <= 2_000; i++) {
                        Publish publish = new Publish(i, map("thread", thread), "t" + thread,
                                List.of(i, "s" + i + "é", new byte[] {(byte) i}), map("k" + i, List.of(thread, i)));
                        Publish back = (Publish) roundTrip(publish);
                        assertEquals(comparable(publish.args()), comparable(back.args()));
                        assertEquals(publish.kwargs(), back.kwargs());
                        assertEquals(publish.options(), back.options());
                    }
                    return null;
                });
            }
            for (Future<Void> result : pool.invokeAll(tasks)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void decodedPayloadsAreUnmodifiable() throws Exception {
        Publish publish = (Publish) roundTrip(
                new Publish(1, map("a", 1), "t", List.of(1, List.of(2)), map("k", map("x", List.of()))));
        assertThrows(UnsupportedOperationException.class, () -> publish.args().add(3));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) publish.args().get(1)).clear());
        assertThrows(UnsupportedOperationException.class, () -> publish.options().put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> publish.kwargs().remove("k"));
    }
}
