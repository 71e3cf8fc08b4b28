package dev.switchboard.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one connector: a cached pool for session actors and every user callback, and a timer.
 * The pool is unbounded on purpose: procedures and callbacks may block (e.g. wait for a nested call's result),
 * and a bounded pool shared with the actors could then starve the very actor that would deliver that result.
 */
public final class ClientRuntime {
    private final String name;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;

    public ClientRuntime(String name) {
        this.name = name;
        this.pool = Executors.newCachedThreadPool(daemonThreads("switchboard-client-" + name));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("switchboard-client-" + name + "-timer"));
    }

    /**
     * Runs on the pool. Once the runtime is shut down, on a thread of its own: late callbacks still happen, and
     * never on the submitting thread, which may be the router's.
     */
    public void execute(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            Thread late = new Thread(task, "switchboard-client-" + name + "-late");
            late.setDaemon(true);
            late.start();
        }
    }

    public SerialExecutor newSerialExecutor(String actorName) {
        return new SerialExecutor(actorName, this::execute);
    }

    /** Runs {@code task} on the pool after a delay; {@code null} when the runtime is shut down. */
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            return timer.schedule(() -> execute(task), delay, unit);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    static void cancel(ScheduledFuture<?> scheduled) {
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /** Lets queued tasks finish (they are the last listener callbacks) and stops the timer. */
    public void shutdown() {
        timer.shutdownNow();
        pool.shutdown();
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "ClientRuntime[" + name + ", " + pool + "]";
    }
}
