package dev.switchboard.transport.jetty;

import java.time.Duration;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * How many threads one transport listener's Jetty server has (WebSocket and RawSocket alike). Jetty's defaults (a pool of up to 200 threads, which a burst of
 * connections fills, and which gives back one idle thread a minute) cost a node hundreds of idle threads, each with
 * its stack; a listener's threads only decode messages and hand them over, so a few per processor are enough.
 *
 * <p>Each connector (TCP, Unix domain socket) keeps {@link #ACCEPTORS} acceptor and {@link #selectors()} selector
 * threads busy for good, and the pool keeps {@link #reservedThreads()} threads in reserve for Jetty's
 * execute-produce-consume mode. Jetty leases these from the pool at start and refuses to start ("Insufficient
 * configured threads") unless at least one thread is left over: {@link #minimumMaxThreads} is that limit.
 *
 * @param maxThreads the pool's size, acceptors, selectors and reserved threads included
 * @param connectors 1 or 2
 * @param processors what {@link Runtime#availableProcessors()} says, or a test's value
 */
public record ListenerThreads(int maxThreads, int connectors, int processors) {

    /** {@code maxThreads} 0: {@link #automaticMaxThreads}. */
    public static final int AUTOMATIC = 0;
    public static final int ACCEPTORS = 1;
    /** The pool's threads beyond its minimum end after this long idle: what a burst of connections started goes. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The pool's minimum: less than what the acceptors and selectors keep busy, so every idle worker can end. */
    public static final int MIN_THREADS = 2;
    private static final int MAX_SELECTORS = 4;
    private static final int MAX_RESERVED = 4;
    private static final int MAX_AUTOMATIC = 64;

    public ListenerThreads {
        if (connectors < 1 || processors < 1) {
            throw new IllegalArgumentException(connectors + " connectors, " + processors + " processors");
        }
        if (maxThreads < minimumMaxThreads(connectors, processors)) {
            throw new IllegalArgumentException("maxThreads " + maxThreads + " is below "
                    + minimumMaxThreads(connectors, processors));
        }
    }

    /** For this machine; {@code configuredMaxThreads} 0 chooses {@link #automaticMaxThreads}. */
    public static ListenerThreads of(int configuredMaxThreads, int connectors) {
        int processors = Runtime.getRuntime().availableProcessors();
        return new ListenerThreads(configuredMaxThreads == AUTOMATIC ? automaticMaxThreads(processors)
                : configuredMaxThreads, connectors, processors);
    }

    /**
     * Checks a configured {@code maxThreads} for a listener with that many sockets on this machine.
     *
     * @return {@code null} when it is fine, else what is wrong with it, for the settings' error message
     */
    public static String checkMaxThreads(int configured, int connectors) {
        int processors = Runtime.getRuntime().availableProcessors();
        int minimum = minimumMaxThreads(connectors, processors);
        if (configured == AUTOMATIC || configured >= minimum) {
            return null;
        }
        return "must be 0 (automatic) or at least " + minimum + " here (an acceptor and " + selectors(processors)
                + " selector(s) for each of the " + connectors + " socket(s), a reserved thread and one to work)";
    }

    /** A configured {@code maxThreads} with {@link #AUTOMATIC} replaced by this machine's automatic size. */
    public static int resolveMaxThreads(int configured) {
        return configured == AUTOMATIC ? automaticMaxThreads(Runtime.getRuntime().availableProcessors()) : configured;
    }

    /** 4 per processor, at least 8 and at most 64: always above {@link #minimumMaxThreads} (at most 12). */
    public static int automaticMaxThreads(int processors) {
        return Math.min(MAX_AUTOMATIC, Math.max(8, 4 * processors));
    }

    /** The smallest pool Jetty starts with: acceptors, selectors and reserved threads, and one thread to work. */
    public static int minimumMaxThreads(int connectors, int processors) {
        int leased = connectors * (ACCEPTORS + selectors(processors));
        int max = leased + 2;
        while (max - leased - reservedThreads(max, processors) < 1) {
            max++;
        }
        return max;
    }

    /** Per connector: half the processors, 1 to 4 (Jetty's own default on up to 8 processors). */
    public int selectors() {
        return selectors(processors);
    }

    /** One per 8 threads of the pool, 1 to 4 and at most one per processor (Jetty's heuristic, bounded). */
    public int reservedThreads() {
        return reservedThreads(maxThreads, processors);
    }

    public static int selectors(int processors) {
        return Math.max(1, Math.min(MAX_SELECTORS, processors / 2));
    }

    private static int reservedThreads(int maxThreads, int processors) {
        return Math.max(1, Math.min(MAX_RESERVED, Math.min(processors, maxThreads / 8)));
    }

    /** The listener's pool: threads named {@code name-N}; idle ones beyond the minimum end after 30 s, all at once. */
    public QueuedThreadPool newPool(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(MIN_THREADS, maxThreads),
                (int) IDLE_TIMEOUT.toMillis());
        pool.setName(name);
        pool.setReservedThreads(reservedThreads());
        pool.setMaxEvictCount(maxThreads); // Jetty's default, 1, takes maxThreads idle timeouts to shrink after a burst
        return pool;
    }
}
