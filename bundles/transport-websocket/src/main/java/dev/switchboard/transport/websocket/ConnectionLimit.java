package dev.switchboard.transport.websocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maxConnections} of one listener, over its TCP and Unix domain socket connectors together. A slot is taken
 * when an upgrade is accepted, before the connection exists, so that a burst of concurrent upgrades cannot overshoot
 * the limit; it is given back when the connection closes. Refusals are logged at most once per second, with how
 * many there were, so that a flood of connections does not become a flood of log lines. Thread-safe.
 */
final class ConnectionLimit {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
    /** At most one refusal line per this interval. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(1);
    /**
     * A slot whose connection has not opened by then is given back: Jetty may drop an accepted upgrade before the
     * connection opens (the client hung up, a late negotiation failure), and then never calls it again.
     */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final String listener;
    private final int max;
    private final Scheduler scheduler;
    private final Duration openTimeout;
    private final LongSupplier nanoTime;
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLogNanos;
    private final AtomicInteger logLines = new AtomicInteger();

    /** @param scheduler runs the open timeouts; started before the first {@link #tryAdmit} */
    ConnectionLimit(String listener, int max, Scheduler scheduler) {
        this(listener, max, scheduler, OPEN_TIMEOUT, System::nanoTime);
    }

    /** For tests: another open timeout, another clock. */
    ConnectionLimit(String listener, int max, Scheduler scheduler, Duration openTimeout, LongSupplier nanoTime) {
        this.listener = listener;
        this.max = max;
        this.scheduler = scheduler;
        this.openTimeout = openTimeout;
        this.nanoTime = nanoTime;
        this.lastLogNanos = new AtomicLong(nanoTime.getAsLong() - LOG_INTERVAL.toNanos());
    }

    /** One admitted connection's place under the limit. */
    final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile Scheduler.Task openTimeout;

        /** The connection opened: from now on only its close gives the slot back. */
        void opened() {
            Scheduler.Task task = openTimeout;
            if (task != null) {
                task.cancel();
            }
        }

        /** Gives the slot back; only the first call counts. */
        void release() {
            if (released.compareAndSet(false, true)) {
                opened();
                taken.decrementAndGet();
            }
        }
    }

    /**
     * Takes a slot for a new connection.
     *
     * @return the slot, or {@code null} when {@code max} connections are open (the refusal is counted for the log)
     */
    Slot tryAdmit() {
        for (int current = taken.get(); current < max; current = taken.get()) {
            if (taken.compareAndSet(current, current + 1)) {
                Slot slot = new Slot();
                slot.openTimeout = scheduler.schedule(slot::release, openTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return slot;
            }
        }
        refused();
        return null;
    }

    private void refused() {
        refusedSinceLog.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastLogNanos.get();
        if (now - last >= LOG_INTERVAL.toNanos() && lastLogNanos.compareAndSet(last, now)) {
            logLines.incrementAndGet();
            LOG.warn("WebSocket listener '{}' refused {} connection(s) with 503: maxConnections {} reached", listener,
                    refusedSinceLog.getAndSet(0), max);
        }
    }

    /** Connections admitted and not closed yet (upgrades in progress included). */
    int taken() {
        return taken.get();
    }

    int max() {
        return max;
    }

    /** Refusal lines logged so far. */
    int refusalLogLines() {
        return logLines.get();
    }

    @Override
    public String toString() {
        return "ConnectionLimit[" + listener + ", " + taken.get() + "/" + max + "]";
    }
}
