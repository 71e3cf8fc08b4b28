package dev.switchboard.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A map from {@code long} to non-null values, for the request and invocation ids of calls in flight: a put, a get
 * and a remove per routed call allocate nothing (a {@code HashMap<Long, V>} allocates an entry and boxes the key,
 * per call and per side). Open addressing with linear probing; removal shifts the following entries back, so there
 * are no tombstones and a lookup stops at the first empty slot. Not thread-safe: the realm's actor owns it.
 */
final class LongMap<V> {

    private static final int MIN_CAPACITY = 8; // a power of two
    /** Tables up to this size are never shrunk: a caller's window of calls filling and emptying it costs nothing. */
    private static final int KEPT_CAPACITY = 1024;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY]; // null: an empty slot
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Slots in the table, for tests. */
    int capacity() {
        return keys.length;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    boolean containsKey(long key) {
        return indexOf(key) >= 0;
    }

    /** @return the value that {@code key} had, or null */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        Objects.requireNonNull(value);
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object current = values[i];
            if (current == null) {
                keys[i] = key;
                values[i] = value;
                if (++size > keys.length * 3 / 4) {
                    resize(keys.length * 2);
                }
                return null;
            }
            if (keys[i] == key) {
                values[i] = value;
                return (V) current;
            }
        }
    }

    /** @return the value that {@code key} had, or null */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        V old = (V) values[i];
        deleteAt(i);
        if (--size < keys.length / 16 && keys.length > KEPT_CAPACITY) {
            resize(keys.length / 4); // a burst of calls is not kept for good
        }
        return old;
    }

    /** A copy of the values, in no particular order: the map may change while the caller goes through them. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> copy = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                copy.add((V) v);
            }
        }
        return copy;
    }

    void clear() {
        if (keys.length > MIN_CAPACITY) {
            keys = new long[MIN_CAPACITY];
            values = new Object[MIN_CAPACITY];
        } else {
            Arrays.fill(values, null);
        }
        size = 0;
    }

    private int indexOf(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                return -1;
            }
            if (keys[i] == key) {
                return i;
            }
        }
    }

    /** Ids are often sequential: spread them over the table (Fibonacci hashing) before masking. */
    private static int slot(long key, int mask) {
        return (int) ((key * GOLDEN) >>> 32) & mask;
    }

    /** Empties slot {@code i}, moving back each following entry of the run that would no longer be found. */
    private void deleteAt(int i) {
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            // j's entry may move into the hole unless its home lies cyclically in (hole, j]
            boolean homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!homeBetween) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        values = new Object[capacity];
        int mask = capacity - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldValues[k] != null) {
                int i = slot(oldKeys[k], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[k];
                values[i] = oldValues[k];
            }
        }
    }
}
