package dev.switchboard.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistinctKeysTest {

    /** A repeat is found wherever it falls: against the first key, the linear keys, and once the set took over. */
    @Test
    void findsARepeatAtEveryPositionAndCountsDistinctKeys() {
        for (int size = 1; size <= 3 * DistinctKeys.LINEAR_KEYS; size++) {
            for (int repeated = 0; repeated < size; repeated++) {
                DistinctKeys keys = new DistinctKeys();
                for (int i = 0; i < size; i++) {
                    assertTrue(keys.add("k" + i), "distinct key " + i + " of " + size);
                }
                assertFalse(keys.add("k" + repeated), "key " + repeated + " again after " + size);
                assertEquals(size, keys.count());
                assertTrue(keys.add("other"));
                assertEquals(size + 1, keys.count());
            }
        }
    }
}
