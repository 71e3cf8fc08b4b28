package dev.switchboard.router;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the router logs (slf4j-simple writes to the current {@code System.err}) while a fuzz run is on: the
 * realm actor catches exceptions of its tasks and only logs them, so a log line is how a crash inside the router
 * shows. INFO lines are dropped, which also keeps thousands of fuzzed sessions out of the test's output.
 */
final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final List<String> problems = new ArrayList<>();
    /** After a problem line, the stack trace lines that follow belong to it. */
    private boolean inProblem;

    LogCapture() {
        System.setErr(new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                synchronized (LogCapture.this) {
                    if (b == '\n') {
                        lineDone(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    } else {
                        pending.write(b);
                    }
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    private void lineDone(String text) {
        boolean continuation = text.startsWith("\t") || text.startsWith("Caused by") || text.startsWith("\t...");
        if (isProblem(text)) {
            problems.add(text);
            inProblem = true;
        } else if (inProblem && continuation) {
            if (problems.size() < 200) {
                problems.add(text);
            }
        } else {
            inProblem = false;
        }
        if (!level(text).equals("INFO") && !level(text).equals("DEBUG") || (inProblem && continuation)) {
            original.println(text);
        }
    }

    /**
     * What no input may cause: an exception caught by a realm actor (ERROR), a message the router built but cannot
     * send, an authenticator failing with something other than a refusal.
     */
    private static boolean isProblem(String text) {
        String level = level(text);
        return level.equals("ERROR") || (level.equals("WARN") && (text.contains("cannot send")
                || text.contains("failed unexpectedly")));
    }

    /** The level of a slf4j-simple line, {@code [thread] LEVEL logger - message}; "" for other lines. */
    private static String level(String text) {
        int end = text.startsWith("[") ? text.indexOf("] ") : -1;
        if (end < 0) {
            return "";
        }
        int space = text.indexOf(' ', end + 2);
        return space < 0 ? "" : text.substring(end + 2, space);
    }

    /** Problems logged since the last call, with their stack traces; clears them. */
    synchronized List<String> takeProblems() {
        List<String> taken = List.copyOf(problems);
        problems.clear();
        inProblem = false;
        return taken;
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
