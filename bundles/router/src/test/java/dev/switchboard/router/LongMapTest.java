package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongMapTest {

    @Test
    void putGetRemoveAndReplace() {
        LongMap<String> map = new LongMap<>();
        assertTrue(map.isEmpty());
        assertNull(map.put(7, "a"));
        assertEquals("a", map.put(7, "b"));
        assertEquals("b", map.get(7));
        assertTrue(map.containsKey(7));
        assertFalse(map.containsKey(8));
        assertNull(map.get(8));
        assertEquals(1, map.size());
        assertEquals("b", map.remove(7));
        assertNull(map.remove(7));
        assertTrue(map.isEmpty());
        assertThrows(NullPointerException.class, () -> map.put(1, null));
    }

    /** Ids that share a slot: removing one in the middle of a run must keep the later ones reachable. */
    @Test
    void removalInsideACollisionRunKeepsTheRestReachable() {
        LongMap<Long> map = new LongMap<>();
        // capacity 8 until the 7th entry: plenty of collisions among 6 keys, some wrapping around the table's end
        long[] keys = {0, 8, 16, 24, 1L << 40, -1};
        for (long k : keys) {
            map.put(k, k);
        }
        for (long removed : keys) {
            LongMap<Long> copy = new LongMap<>();
            for (long k : keys) {
                copy.put(k, k);
            }
            assertEquals(removed, copy.remove(removed));
            for (long k : keys) {
                assertEquals(k == removed ? null : (Long) k, copy.get(k), "after removing " + removed);
            }
        }
    }

    /** Random puts and removes over a small and a sparse key space, checked against HashMap after each step. */
    @Test
    void behavesLikeAHashMapUnderChurn() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            LongMap<Long> map = new LongMap<>();
            Map<Long, Long> expected = new HashMap<>();
            long range = seed % 2 == 0 ? 64 : Long.MAX_VALUE;
            for (int step = 0; step < 5_000; step++) {
                long key = range == Long.MAX_VALUE ? random.nextLong() : random.nextLong(range);
                if (random.nextInt(3) == 0) {
                    assertEquals(expected.remove(key), map.remove(key));
                } else {
                    long value = random.nextLong();
                    assertEquals(expected.put(key, value), map.put(key, value));
                }
                assertEquals(expected.size(), map.size());
                long probe = range == Long.MAX_VALUE ? key : random.nextLong(range);
                assertEquals(expected.get(probe), map.get(probe), "seed " + seed + " step " + step);
            }
            for (Map.Entry<Long, Long> e : expected.entrySet()) {
                assertEquals(e.getValue(), map.get(e.getKey()));
            }
            List<Long> values = new ArrayList<>(map.values());
            values.sort(null);
            List<Long> expectedValues = new ArrayList<>(expected.values());
            expectedValues.sort(null);
            assertEquals(expectedValues, values);
        }
    }

    /**
     * A burst of calls grows the table; once they end it shrinks back instead of keeping the burst's size, but a
     * small table is kept as it is (a window of calls that fills and empties it does not resize it every time).
     */
    @Test
    void growsAndShrinksBackWithSequentialIds() {
        LongMap<Long> map = new LongMap<>();
        for (long id = 1; id <= 100_000; id++) {
            map.put(id, id);
        }
        assertEquals(100_000, map.size());
        assertTrue(map.capacity() >= 100_000 * 4 / 3, "at most three quarters full");
        for (long id = 1; id <= 100_000; id++) {
            assertEquals(id, map.remove(id));
        }
        assertTrue(map.isEmpty());
        assertTrue(map.capacity() <= 1024 * 4, "shrunk back after the burst: " + map.capacity());
        for (long id = 1; id <= 100_000; id++) {
            assertNull(map.get(id));
        }
        LongMap<Long> window = new LongMap<>();
        for (int round = 0; round < 3; round++) {
            for (long id = 1; id <= 700; id++) {
                window.put(round * 1000L + id, id);
            }
            int filled = window.capacity();
            for (long id = 1; id <= 700; id++) {
                window.remove(round * 1000L + id);
            }
            assertEquals(filled, window.capacity(), "a table of " + filled + " slots is kept");
        }
        map.put(5, 5L);
        map.clear();
        assertTrue(map.isEmpty());
        assertNull(map.get(5));
    }
}
