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
    /** Tasks run on a submitting thread when the actor was idle. */
    private static final int INLINE_BATCH = 16;
    /**
     * Set while a thread runs some actor's turn, and null again after it (never removed: a removed entry would be
     * allocated anew for every turn, and transports run a turn per message).
     */
    private static final ThreadLocal<RealmActor> RUNNING_AN_ACTOR = new ThreadLocal<>();

    private final String name;
    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain; // one instance, not one per turn

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

    /**
     * Like {@link #execute}, but an idle actor runs on the calling thread instead of waking a pool thread: one
     * thread hand-over less per message when the realm is not busy. For callers that hold no lock and may spend a
     * few tasks' time (a transport delivering a message); a busy realm goes on in the pool, and one actor's turn
     * never nests in another's.
     */
    void executeHere(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            if (RUNNING_AN_ACTOR.get() == null) {
                runInline();
            } else {
                schedule();
            }
        }
    }

    private void runInline() {
        RUNNING_AN_ACTOR.set(this);
        try {
            runTasks(INLINE_BATCH);
        } finally {
            RUNNING_AN_ACTOR.set(null);
        }
        release();
    }

    private void schedule() {
        try {
            pool.execute(drainTask);
        } catch (RejectedExecutionException e) {
            // The router has stopped: late events from transports (a connection closing) have nothing left to do.
            tasks.clear();
            LOG.debug("Realm '{}' has stopped; dropped late work", name);
        }
    }

    private void drain() {
        RUNNING_AN_ACTOR.set(this);
        try {
            runTasks(BATCH);
        } finally {
            RUNNING_AN_ACTOR.set(null);
        }
        release();
    }

    private void runTasks(int max) {
        for (int i = 0; i < max; i++) {
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
    }

    /** Ends a turn; work that arrived meanwhile goes on in the pool. */
    private void release() {
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
