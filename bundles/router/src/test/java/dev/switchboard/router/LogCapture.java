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
 * shows. Only problem lines go on to the test's output: thousands of fuzzed sessions log far too much otherwise.
 */
final class LogCapture implements AutoCloseable {
    /**
     * Only lines of the fuzz worker count (FuzzRunner names its thread "fuzz-..."; the realm actors of the fuzzed
     * routers run inline on it): other tests' routers in this JVM may still log from their timer threads.
     */
    private static final String FUZZ_THREADS = "fuzz-";

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
        if (inProblem) {
            original.println(text); // the rest (INFO, expected WARNs such as a full realm) would be megabytes
        }
    }

    /**
     * What no input may cause: an exception caught by a realm actor (ERROR), a message the router built but cannot
     * send, an authenticator failing with something other than a refusal.
     */
    private static boolean isProblem(String text) {
        String level = level(text);
        return text.startsWith("[" + FUZZ_THREADS) && (level.equals("ERROR") || (level.equals("WARN")
                && (text.contains("cannot send") || text.contains("failed unexpectedly"))));
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
