package dev.switchboard.api.uri;

import java.util.concurrent.ThreadLocalRandom;

/** WAMP IDs: integers in [1, 2^53] (basic/building_blocks, "IDs"). */
public final class Ids {
    private Ids() {}

    public static final long MAX = 1L << 53;

    /** A random ID for the global scope (session and publication IDs), uniformly distributed. */
    public static long randomGlobal() {
        return ThreadLocalRandom.current().nextLong(1, MAX + 1);
    }
}
