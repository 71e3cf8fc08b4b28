package dev.switchboard.router;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the rate of failed authentications per source address: after {@code limit} failures within a minute, the
 * source is refused for a back-off period that doubles with each further failure (up to five minutes).
 */
final class FailureThrottle {
    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final long MAX_BACKOFF_NANOS = 300_000_000_000L;

    private record Record(long windowStart, int failures, long blockedUntil) {}

    private final int limit;
    private final Map<String, Record> sources = new ConcurrentHashMap<>();

    FailureThrottle(int limit) {
        this.limit = limit;
    }

    boolean isBlocked(String source) {
        Record r = sources.get(source);
        return r != null && System.nanoTime() < r.blockedUntil;
    }

    void failed(String source) {
        long now = System.nanoTime();
        sources.compute(source, (k, r) -> {
            if (r == null || now - r.windowStart > WINDOW_NANOS && now >= r.blockedUntil) {
                return new Record(now, 1, 0);
            }
            int failures = r.failures + 1;
            long blockedUntil = r.blockedUntil;
            if (failures >= limit) {
                long backoff = Math.min(MAX_BACKOFF_NANOS, 10_000_000_000L << Math.min(10, failures - limit));
                blockedUntil = now + backoff;
            }
            return new Record(r.windowStart, failures, blockedUntil);
        });
        if (sources.size() > 100_000) {
            sources.entrySet().removeIf(e -> now - e.getValue().windowStart > WINDOW_NANOS && now >= e.getValue().blockedUntil);
        }
    }

    void succeeded(String source) {
        sources.remove(source);
    }

    /** The host part of a peer address like {@code tcp4:127.0.0.1:51234}: failures count per host, not per port. */
    static String sourceOf(String peerAddress) {
        if (peerAddress == null) {
            return "unknown";
        }
        int last = peerAddress.lastIndexOf(':');
        int first = peerAddress.indexOf(':');
        return last > first ? peerAddress.substring(0, last) : peerAddress;
    }
}
