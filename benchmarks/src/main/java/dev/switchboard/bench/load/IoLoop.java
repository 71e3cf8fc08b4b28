package dev.switchboard.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread driving many connections. Everything about a connection (its sessions' state, scenario
 * logic, this loop's {@link LoopStats}) runs on this thread, so none of it needs locks. Outgoing frames are
 * gathered per connection and flushed once per turn: one write per burst, not per message.
 */
final class IoLoop implements Executor {
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Conn> dirty = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private volatile boolean running = true;
    private long timerSeq;
    /** Figures of the current scenario on this loop; confined to the loop's thread. */
    final LoopStats stats = new LoopStats();

    private record Timer(long deadline, long seq, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    IoLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /** Runs {@code task} on this loop at {@code deadlineNanos} ({@link System#nanoTime()}); loop thread only. */
    void schedule(long deadlineNanos, Runnable task) {
        timers.add(new Timer(deadlineNanos, timerSeq++, task));
    }

    /** Runs {@code task} on the loop and waits for it: what it read is then safe to read here. */
    void sync(Runnable task) {
        CountDownLatch done = new CountDownLatch(1);
        execute(() -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(thread.getName() + " did not answer within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void markDirty(Conn conn) {
        dirty.add(conn);
    }

    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Conn c) {
                c.abort();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void run() {
        while (running) {
            try {
                long wait = waitMillis();
                if (wait < 0) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, wait);
                }
                runTasks();
                runTimers();
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                System.err.println(thread.getName() + ": " + e);
                e.printStackTrace();
            }
        }
    }

    /** -1: do not wait; 0: wait until woken; otherwise milliseconds to the next timer. */
    private long waitMillis() {
        if (!tasks.isEmpty() || !dirty.isEmpty()) {
            return -1;
        }
        Timer next = timers.peek();
        if (next == null) {
            return 0;
        }
        long nanos = next.deadline - System.nanoTime();
        return nanos <= 0 ? -1 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    private void ready(SelectionKey key) {
        Conn conn = (Conn) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                conn.finishConnect();
            }
            if (key.isValid() && key.isWritable()) {
                conn.flush();
            }
            if (key.isValid() && key.isReadable()) {
                conn.readable();
            }
        } catch (IOException | RuntimeException e) {
            conn.failed(e);
        }
    }

    private void runTasks() {
        Runnable task;
        int n = 0;
        while (n++ < 4096 && (task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null && t.deadline - now <= 0) {
            timers.poll();
            t.task.run();
        }
    }

    private void flush() {
        for (int i = 0; i < dirty.size(); i++) {
            Conn c = dirty.get(i);
            try {
                c.flush();
            } catch (IOException | RuntimeException e) {
                c.failed(e);
            }
        }
        dirty.clear();
    }
}
