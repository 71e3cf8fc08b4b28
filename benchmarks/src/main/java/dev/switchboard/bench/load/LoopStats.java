package dev.switchboard.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What the sessions of one {@link IoLoop} measured in the current scenario. Loop thread only; read by the scenario
 * through {@link IoLoop#sync} after the measurement window closed.
 */
final class LoopStats {
    /** Latencies in nanoseconds: round trips (RPC), publish to delivery (PubSub), HELLO to WELCOME (sessions). */
    final Histogram latency = new Histogram(60_000_000_000L, 3);
    /** Completed operations inside the window: results, PUBLISHED acknowledgements, joins. */
    long completed;
    /** Deliveries inside the window (PubSub: events received by subscribers). */
    long delivered;
    /** ERRORs and unexpected messages. */
    long errors;
    /** A sample of what went wrong. */
    String lastError;

    void reset() {
        latency.reset();
        completed = 0;
        delivered = 0;
        errors = 0;
        lastError = null;
    }

    void error(String what) {
        errors++;
        lastError = what;
    }
}
