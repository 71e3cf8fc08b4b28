package dev.switchboard.bench.load;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * This machine's cost of a hand-over between two threads: one thread unparks a parked one, which notes how long it
 * took to run. Every routed message at a moderate rate passes a few such hand-overs (selector to pool thread, routing
 * thread to writer), with the threads idle in between, so the report shows what one takes here: whether the tail of
 * the router's latency could come from the machine's wake-ups (in a VM they can take milliseconds) or not. The waiter
 * idles {@code gapMicros} between hand-overs; run with nothing else busy.
 */
final class WakeLatency {
    private volatile long unparkedAt;
    private volatile boolean stop;

    /** Median and p99 of the hand-over, in microseconds. */
    static double[] measure(int handovers, long gapMicros) {
        if (handovers < 100 || gapMicros < 0) {
            throw new IllegalArgumentException("--handovers must be at least 100 and --gap-us at least 0, not "
                    + handovers + " and " + gapMicros);
        }
        return new WakeLatency().run(handovers, gapMicros);
    }

    private double[] run(int handovers, long gapMicros) {
        Histogram histogram = new Histogram(1_000_000_000L, 3); // the waiter's alone until it has ended
        int warmUp = handovers / 10;
        Thread waiter = new Thread(() -> {
            long seen = 0;
            int count = 0;
            while (!stop) {
                LockSupport.park(this);
                long at = unparkedAt;
                if (at != seen) {
                    seen = at;
                    long nanos = System.nanoTime() - at;
                    if (count++ >= warmUp) {
                        histogram.recordValue(Math.max(0, nanos));
                    }
                }
            }
        }, "wake-latency");
        waiter.setDaemon(true);
        waiter.start();
        for (int i = 0; i < warmUp + handovers; i++) {
            LockSupport.parkNanos(gapMicros * 1000); // both threads idle, as between messages at half load
            unparkedAt = System.nanoTime();
            LockSupport.unpark(waiter);
        }
        LockSupport.parkNanos(gapMicros * 1000);
        stop = true;
        LockSupport.unpark(waiter);
        try {
            waiter.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new double[] {histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0};
    }
}
