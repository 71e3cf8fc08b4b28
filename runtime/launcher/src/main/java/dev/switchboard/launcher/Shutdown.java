package dev.switchboard.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * Stops the node once, whoever asks first: the shutdown hook (Ctrl-C, SIGTERM) or the main thread (start-up failed,
 * or the framework stopped by itself, e.g. {@code stop 0} in the shell). A signal ends the JVM with status 128+n; a
 * clean stop is not an error, so the hook ends with {@code halt(0)} once the framework is down.
 */
final class Shutdown {

    static final String GRACEFUL_FILTER = "(&(objectClass=java.lang.Runnable)(switchboard.shutdown=graceful))";
    private static final Duration GRACEFUL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final NodeLog log;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean tasksDone = new AtomicBoolean();
    private final List<Runnable> beforeFramework = new CopyOnWriteArrayList<>();
    private final List<Runnable> afterFramework = new CopyOnWriteArrayList<>();
    private volatile Framework framework;

    Shutdown(NodeLog log) {
        this.log = log;
    }

    void attach(Framework framework) {
        this.framework = framework;
    }

    /** Runs before the framework stops, e.g. stopping container workers while their router still answers. */
    void beforeFrameworkStops(Runnable task) {
        beforeFramework.add(0, task); // the last one added (the most recently started part) stops first
    }

    /** Runs after the framework stopped, e.g. removing the pid file. */
    void afterFrameworkStopped(Runnable task) {
        afterFramework.add(task);
    }

    void registerHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "switchboard-shutdown"));
    }

    /** The main thread takes over the exit; false when the hook already has it (then leave the exit to the hook). */
    boolean claimForMain() {
        return claimed.compareAndSet(false, true);
    }

    private void onSignal() {
        if (!claimed.compareAndSet(false, true)) {
            return; // the main thread is exiting through System.exit: it already stopped the node
        }
        log.info("stopping");
        stopNode();
        log.info("stopped");
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Runs the tasks before the framework stops, lets the router say GOODBYE to its sessions, stops the framework,
     * then runs the tasks after; each step bounded. Also for a framework that stopped by itself: then the tasks run.
     */
    void stopNode() {
        boolean tasks = tasksDone.compareAndSet(false, true);
        if (tasks) {
            runAll(beforeFramework);
        }
        stopFramework();
        if (tasks) {
            runAll(afterFramework);
        }
    }

    private void runAll(List<Runnable> tasks) {
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("while stopping: " + e);
            }
        }
    }

    private void stopFramework() {
        Framework current = framework;
        if (current == null || (current.getState() & (Framework.ACTIVE | Framework.STARTING)) == 0) {
            return;
        }
        runGraceful(current.getBundleContext());
        try {
            current.stop();
            FrameworkEvent event = current.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.warn("the framework did not stop within " + STOP_TIMEOUT.toSeconds() + " s; exiting anyway");
            }
        } catch (Exception e) {
            log.warn("stopping the framework failed: " + e);
        }
    }

    private void runGraceful(BundleContext context) {
        ServiceReference<?>[] references;
        try {
            references = context == null ? null : context.getAllServiceReferences(null, GRACEFUL_FILTER);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return;
        }
        if (references == null) {
            return;
        }
        Object service = context.getService(references[0]);
        if (!(service instanceof Runnable graceful)) {
            return;
        }
        log.info("closing WAMP sessions (GOODBYE wamp.close.system_shutdown)");
        // In its own thread so that a router that hangs cannot keep the process from stopping.
        Thread thread = new Thread(() -> {
            try {
                graceful.run();
            } catch (RuntimeException e) {
                log.warn("graceful shutdown failed: " + e);
            }
        }, "switchboard-graceful-shutdown");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(GRACEFUL_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                log.warn("graceful shutdown took over " + GRACEFUL_TIMEOUT.toSeconds() + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                context.ungetService(references[0]);
            } catch (IllegalStateException e) {
                // framework already stopping
            }
        }
    }
}
