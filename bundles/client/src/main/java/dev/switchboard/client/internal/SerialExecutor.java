package dev.switchboard.client.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool (an actor). A session's protocol state is
 * confined to one; subscriptions, progressive calls and session listeners get their own so that their callbacks
 * stay ordered without holding up anything else.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks per turn before the pool thread is given back, so one busy actor cannot starve the others. */
    private static final int BATCH = 128;

    private final String name;
    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(String name, Executor pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
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
                LOG.error("{}: task failed", name, e);
            }
        }
        scheduled.set(false);
        // A task added after our last poll saw scheduled == true and did not schedule a drain: do it for it.
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    @Override
    public String toString() {
        return "SerialExecutor[" + name + ", queued=" + tasks.size() + "]";
    }
}
