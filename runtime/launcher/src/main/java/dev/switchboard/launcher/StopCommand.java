package dev.switchboard.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code switchboard stop [--cbdir DIR]}: SIGTERM to the node the pid file names (its shutdown hook stops the
 * container workers, says GOODBYE to every session and stops the framework), then waits for it to end.
 */
final class StopCommand {

    static final String TIMEOUT_PROPERTY = "switchboard.stop.timeout";

    private StopCommand() {
    }

    static int run(RunFiles files, String what, PrintStream out, PrintStream err) {
        Optional<ProcessHandle> node = files.runningNode();
        if (node.isEmpty()) {
            out.println("No node is running for " + what + StatusCommand.staleNote(files));
            return Main.NOT_RUNNING;
        }
        ProcessHandle process = node.get();
        Duration timeout = Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, 60));
        out.println("Stopping the node for " + what + " (pid " + process.pid() + ")");
        if (!process.destroy()) {
            err.println("switchboard: could not signal pid " + process.pid());
            return Main.FAILED;
        }
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            err.println("switchboard: the node (pid " + process.pid() + ") is still running after "
                    + timeout.toSeconds() + " s; see its log, or end it with kill -9 " + process.pid());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        } catch (ExecutionException e) {
            // onExit does not fail
        }
        out.println("Stopped");
        return Main.OK;
    }
}
