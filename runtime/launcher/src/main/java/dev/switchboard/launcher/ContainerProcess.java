package dev.switchboard.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One container worker's JVM, supervised: started, its output copied into the node's log with the worker's name,
 * restarted with back-off (1 s doubling to 30 s, back to 1 s after it ran 30 s) when it exits while the node runs,
 * and stopped with SIGTERM (then SIGKILL after a bounded wait) when the node stops or the worker is removed.
 */
final class ContainerProcess {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String worker;
    private final ProcessBuilder builder;
    private final NodeLog log;
    private final NodeStatus status;
    private final Object lock = new Object();
    private boolean stopping;          // guarded by lock
    private Process process;           // guarded by lock
    private int restarts;              // supervisor thread only
    private Thread pump;               // supervisor thread only
    private Thread supervisor;

    ContainerProcess(String worker, ProcessBuilder builder, NodeLog log, NodeStatus status) {
        this.worker = worker;
        this.builder = builder;
        this.log = log;
        this.status = status;
    }

    void start() {
        supervisor = new Thread(this::supervise, "switchboard-container-" + worker);
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private void supervise() {
        Duration delay = FIRST_DELAY;
        while (true) {
            long startedAt = System.nanoTime();
            Process started = launch();
            if (started == null && isStopping()) {
                return;
            }
            if (started != null) {
                int exit = waitFor(started);
                drain();
                if (isStopping()) {
                    return;
                }
                Duration ran = Duration.ofNanos(System.nanoTime() - startedAt);
                log.warn("container " + worker + " (pid " + started.pid() + ") exited with status " + exit
                        + " after " + ran.toSeconds() + " s");
                delay = ran.compareTo(STABLE) >= 0 ? FIRST_DELAY : delay;
            }
            restarts++;
            status.container(worker, null, "restarting", restarts);
            log.info("restarting container " + worker + " in " + delay.toSeconds() + " s (restart " + restarts + ")");
            if (!pause(delay)) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
    }

    /** Starts the JVM unless the worker is stopping; {@code null} when it could not be started. */
    private Process launch() {
        synchronized (lock) {
            if (stopping) {
                return null;
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                log.error("container " + worker + " could not be started: " + e);
                return null;
            }
            try {
                process.getOutputStream().close(); // the container reads no input
            } catch (IOException e) {
                // nothing to close then
            }
        }
        Process started = process;
        log.info("container " + worker + " started, pid " + started.pid());
        status.container(worker, started.pid(), "running", restarts);
        pump = new Thread(() -> copyOutput(started), "switchboard-container-" + worker + "-log");
        pump.setDaemon(true);
        pump.start();
        return started;
    }

    /** The last lines of an ended process (its "stopped") belong in the log before anything said after it. */
    private void drain() {
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void copyOutput(Process started) {
        String level = "INFO";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                level = log.worker(worker, line, level);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static int waitFor(Process started) {
        while (true) {
            try {
                return started.waitFor();
            } catch (InterruptedException e) {
                // only the process's end ends the wait; stop() ends the process
            }
        }
    }

    /** Sleeps unless stopped meanwhile; false when stopping. */
    private boolean pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            while (!stopping) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return false;
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}; returns when the JVM is gone. */
    void stop() {
        Process current;
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
            current = process;
        }
        if (current != null && current.isAlive()) {
            log.info("stopping container " + worker + " (pid " + current.pid() + ")");
            // Through the handle: Process.destroy() would also close the pipe, losing the container's last lines.
            current.toHandle().destroy();
            try {
                if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("container " + worker + " did not stop within " + STOP_TIMEOUT.toSeconds()
                            + " s; killing it");
                    current.toHandle().destroyForcibly();
                    current.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                current.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (supervisor != null) {
            try {
                supervisor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("container " + worker + " stopped");
    }

    /** The pid of the running JVM, or {@code null}. */
    Long pid() {
        synchronized (lock) {
            return process != null && process.isAlive() ? process.pid() : null;
        }
    }
}
