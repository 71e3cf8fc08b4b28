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

    /** @return false if {@code key} was added before */
    public boolean add(String key) {
        boolean duplicate = false;
        if (count == 0) {
            first = key;
        } else if (count < LINEAR_KEYS) {
            if (keys == null) {
                keys = new String[LINEAR_KEYS];
                keys[0] = first;
            }
            for (int i = 0; i < count && !duplicate; i++) {
                duplicate = keys[i].equals(key);
            }
            keys[count] = key;
        } else {
            if (keySet == null) {
                keySet = new HashSet<>(Arrays.asList(keys));
            }
            duplicate = !keySet.add(key);
        }
        if (!duplicate) {
            count++;
        }
        return !duplicate;
    }

    /** The distinct keys added. */
    public int count() {
        return count;
    }
}
