package dev.switchboard.serializer.cbor;

import static dev.switchboard.serializer.cbor.Cbor.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Result;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Encoding big, deep and unusual payloads; what cannot be encoded fails loudly. */
class EncodeTest {

    @Test
    void encodesBigPayloads() throws Exception {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            args.add(i % 3 == 0 ? "element-" + i : i % 3 == 1 ? (Object) (3_000_000_000L + i) : map("i", i, "ok", true));
        }
        String bigText = "x".repeat(5 * 1024 * 1024);
        Publish publish = new Publish(1, Map.of(), "com.big", args, map("text", bigText));

        byte[] encoded = Cbor.SERIALIZER.encode(publish);

        assertTrue(encoded.length > bigText.length(), "length " + encoded.length);
        assertEquals(publish, Cbor.SERIALIZER.decode(encoded, 0, encoded.length));
    }

    @Test
    void encodesEverySizeAroundTheInitialBufferAndTheFlushThreshold() throws Exception {
        // Around the generator's 16000-byte buffer: exercises ByteSink's append path.
        for (int size : new int[] {0, 23, 24, 15_980, 15_990, 15_995, 15_999, 16_000, 16_001, 16_010, 32_000, 40_000}) {
            for (Object value : List.of("y".repeat(size), new byte[size])) {
                Publish publish = new Publish(1, Map.of(), "t", List.of(value, "after", 1), null);
                byte[] encoded = Cbor.SERIALIZER.encode(publish);
                Publish back = (Publish) Cbor.SERIALIZER.decode(encoded, 0, encoded.length);
                assertEquals(Cbor.comparable(publish.args()), Cbor.comparable(back.args()), "size " + size);
            }
        }
    }

    @Test
    void encodesNestingUpToTheLimit() throws Exception {
        Object nested = List.of();
        for (int level = 3; level < WampCborFactory.MAX_NESTING_DEPTH; level++) {
            nested = List.of(nested); // message array and args list take the first two levels
        }
        Publish publish = new Publish(1, Map.of(), "t", List.of(nested), null);
        assertEquals(publish, Cbor.decode(Cbor.encode(publish)));
    }

    @Test
    void refusesNestingBeyondTheLimit() {
        Object nested = List.of();
        for (int level = 2; level < WampCborFactory.MAX_NESTING_DEPTH; level++) {
            nested = List.of(nested);
        }
        Publish publish = new Publish(1, Map.of(), "t", List.of(nested), null);
        assertThrows(IllegalArgumentException.class, () -> Cbor.SERIALIZER.encode(publish));
    }

    @Test
    void refusesCyclicPayloadsWithoutStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class,
                () -> Cbor.SERIALIZER.encode(new Publish(1, Map.of(), "t", cycle, null)));
    }

    @Test
    void refusesNonStringMapKeys() {
        Map<Object, Object> kwargs = new HashMap<>();
        kwargs.put(1, "one");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Message m = new Result(1, Map.of(), List.of(), (Map) kwargs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cbor.SERIALIZER.encode(m));
        assertTrue(e.getMessage().contains("map keys must be strings"), e.getMessage());
    }

    @Test
    void refusesValuesOutsideTheMessageModel() {
        for (Object odd : List.of(new Object(), new AtomicLong(1), 'c', new int[] {1})) {
            Publish publish = new Publish(1, Map.of(), "t", List.of(odd), null);
            assertThrows(IllegalArgumentException.class, () -> Cbor.SERIALIZER.encode(publish), odd.toString());
        }
    }

    @Test
    void refusesAListWhoseSizeLies() {
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
        assertThrows(IllegalArgumentException.class,
                () -> Cbor.SERIALIZER.encode(new Publish(1, Map.of(), "t", liar, null)));
    }

    @Test
    void writesNullsInsidePayloads() {
        Map<String, Object> kwargs = map("a", null);
        List<Object> args = new ArrayList<>();
        args.add(null);
        assertEquals("85183201a081f6a16161f6", Cbor.encode(new Result(1, Map.of(), args, kwargs)));
    }

    @Test
    void sharedSerializerIsSafeAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 1; i <= 2_000; i++) {
                        Publish publish = new Publish(i, map("thread", thread), "t" + thread,
                                List.of(i, "s" + i + "é", new byte[] {(byte) i}), map("k" + i, List.of(thread, i)));
                        byte[] encoded = Cbor.SERIALIZER.encode(publish);
                        Publish back = (Publish) Cbor.SERIALIZER.decode(encoded, 0, encoded.length);
                        assertEquals(Cbor.comparable(publish.args()), Cbor.comparable(back.args()));
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
    void decodedPayloadsAreUnmodifiable() throws Exception {
        Publish publish = (Publish) Cbor.decode(Cbor.encode(
                new Publish(1, map("a", 1), "t", List.of(1, List.of(2)), map("k", map("x", List.of())))));
        assertThrows(UnsupportedOperationException.class, () -> publish.args().add(3));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) publish.args().get(1)).clear());
        assertThrows(UnsupportedOperationException.class, () -> publish.options().put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> publish.kwargs().remove("k"));
    }
}
