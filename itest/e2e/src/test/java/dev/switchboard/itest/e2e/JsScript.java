package dev.switchboard.itest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An AutobahnJS scenario from {@code js/}, run as {@code node <script> <args>}. The scripts check what they receive
 * themselves, exit 0 only when everything held and print one {@code RESULT <json>} line for the test to check.
 * Output goes to {@code target/js-<script>-<n>.log}.
 */
final class JsScript implements AutoCloseable {
    static final String RESULT_PREFIX = "RESULT ";
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "e2e-js-reaper"));
    }

    private final String script;
    private final Process process;
    private final OutputCapture output;

    private JsScript(String script, Process process, OutputCapture output) {
        this.script = script;
        this.process = process;
        this.output = output;
        LIVE.add(process);
    }

    static JsScript start(String script, String... args) {
        Path file = E2e.jsDir().resolve(script);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " is missing");
        }
        if (!Files.isDirectory(E2e.jsDir().resolve("node_modules").resolve("autobahn"))) {
            throw new AssertionError("AutobahnJS is not installed in " + E2e.jsDir()
                    + "/node_modules: the build runs 'npm ci' there in pre-integration-test");
        }
        List<String> command = new ArrayList<>(List.of(E2e.nodeExecutable(), file.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(E2e.jsDir().toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " (is Node.js 20+ installed?)", e);
        }
        String name = script.replace(".js", "") + "-" + RUNS.incrementAndGet();
        return new JsScript(script, process,
                new OutputCapture("js-" + name, process.getInputStream(), E2e.logDir().resolve("js-" + name + ".log")));
    }

    /** Runs a script to its end and returns its RESULT, failing with its output unless it exits 0 in time. */
    static JsonNode run(Duration timeout, String script, String... args) {
        try (JsScript js = start(script, args)) {
            js.awaitSuccess(timeout);
            return js.result();
        }
    }

    Optional<String> awaitLine(Pattern pattern, Duration timeout) {
        try {
            return output.awaitLine(line -> pattern.matcher(line).find(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for exit 0; otherwise (exit code or timeout) fails with the script's output. */
    void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish within " + timeout.toSeconds() + " s\n"
                        + output.tail(40));
            }
            output.awaitEnd(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(script + " exited with " + process.exitValue() + "\n" + output.tail(40));
        }
    }

    /** The JSON of the last RESULT line. */
    JsonNode result() {
        List<String> lines = output.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(RESULT_PREFIX)) {
                try {
                    return JSON.readTree(lines.get(i).substring(RESULT_PREFIX.length()));
                } catch (IOException e) {
                    throw new AssertionError(script + " printed a RESULT that is not JSON: " + lines.get(i), e);
                }
            }
        }
        throw new AssertionError(script + " printed no RESULT line\n" + output.tail(40));
    }

    String tail() {
        return output.tail(40);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        LIVE.remove(process);
    }
}
