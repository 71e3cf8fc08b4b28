package dev.switchboard.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a join tries again after a failed attempt or a lost session: exponential back-off from
 * {@code initialDelay}, doubling up to {@code maxDelay}, each delay spread by {@code ±jitter} (a fraction) so that
 * many clients of a restarted router do not reconnect in lockstep.
 *
 * @param maxAttempts failed attempts in a row before giving up; 0 for no limit
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double jitter,
        int maxAttempts) {

    /** No retries: the first failure or loss ends the join (the in-process connector). */
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(false, Duration.ofMillis(1), Duration.ofMillis(1),
            0, 0);

    public ReconnectPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("reconnect initial delay must be positive: " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("reconnect max delay " + maxDelay + " is below the initial delay "
                    + initialDelay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("reconnect jitter must be a fraction in 0..1: " + jitter);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("reconnect max attempts must not be negative: " + maxAttempts);
        }
    }

    /** Whether to try again after {@code failuresInARow} failed attempts (0 right after losing a session). */
    public boolean allowsRetry(int failuresInARow) {
        return enabled && (maxAttempts == 0 || failuresInARow < maxAttempts);
    }

    /** The delay before retry number {@code retry} (0 for the first), jitter applied. */
    public Duration delay(int retry) {
        long max = maxDelay.toMillis();
        long base = initialDelay.toMillis();
        for (int i = 0; i < retry && base < max; i++) {
            base = Math.min(max, base * 2);
        }
        double spread = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.min(max, Math.round(base * spread))));
    }
}
