package dev.switchboard.router;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one realm's tasks one at a time, in submission order, on a shared thread pool: all broker and dealer
 * state of a realm is confined to it, so none of it needs locks. Nothing submitted here may block.
 */
final class RealmActor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(RealmActor.class);
    /** Tasks run per turn before the actor yields its pool thread to other realms. */
    private static final int BATCH = 256;

    private final String name;
    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    RealmActor(String name, Executor pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The router has stopped: late events from transports (a connection closing) have nothing left to do.
            tasks.clear();
            LOG.debug("Realm '{}' has stopped; dropped late work", name);
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | AssertionError e) {
                LOG.error("Realm '{}': task failed; the realm keeps running", name, e);
            }
        }
        scheduled.set(false);
        // A task added after our last poll saw scheduled == true and did not schedule: pick it up.
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    @Override
    public String toString() {
        return "RealmActor[" + name + ", queued=" + tasks.size() + "]";
    }
}
