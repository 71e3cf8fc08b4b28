package dev.switchboard.connector.postgresql;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with ±20% jitter (so that many connectors do not retry in step). Not thread-safe. */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
    long nextDelayMillis() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, Math.round(base * jitter));
    }

    void reset() {
        nextMillis = initialMillis;
    }

    @Override
    public String toString() {
        return "Backoff[next=" + nextMillis + "ms, max=" + maxMillis + "ms]";
    }
}
