package dev.switchboard.api.serializer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells whether a map being validated repeats a key, as its keys are read one by one (a WAMP peer must not send
 * duplicate keys, and a payload kept in its bytes is checked without building the map). A few keys are compared
 * linearly without a set; beyond {@link #LINEAR_KEYS} a hash set keeps the check linear. One per map; not
 * thread-safe.
 */
public final class DistinctKeys {

    /** Up to this many keys are compared linearly. */
    public static final int LINEAR_KEYS = 8;

    private String first;
    private String[] keys;
    private Set<String> keySet;
    private int count;

    /**
     * @return false if {@code key} was added before
     *
     * <p>Kept small, the rare paths in methods of their own: then the JIT inlines it and the detector of a map that is
     * only validated is never allocated (measured: 40 bytes per JSON EVENT decode otherwise).
     */
    public boolean add(String key) {
        if (count == 0) {
            first = key; // a map of one key, the most common, needs nothing more
        } else if (count < LINEAR_KEYS ? repeatsLinear(key) : repeatsInSet(key)) {
            return false;
        }
        count++;
        return true;
    }

    private boolean repeatsLinear(String key) {
        if (keys == null) {
            keys = new String[LINEAR_KEYS];
            keys[0] = first;
        }
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return true;
            }
        }
        keys[count] = key;
        return false;
    }

    private boolean repeatsInSet(String key) {
        if (keySet == null) {
            keySet = new HashSet<>(Arrays.asList(keys));
        }
        return !keySet.add(key);
    }

    /** The distinct keys added. */
    public int count() {
        return count;
    }
}
