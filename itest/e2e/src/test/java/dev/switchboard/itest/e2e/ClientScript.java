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
 * A scenario of a third-party WAMP client in a process of its own: AutobahnJS from {@code js/}, run as
 * {@code node <script> <args>}, or autobahn-python from {@code py/}, run as {@code /usr/bin/python3 <script> <args>}
 * (Debian's python3-autobahn; not a pyenv python, which lacks it). The scripts check what they receive themselves,
 * exit 0 only when everything held and print one {@code RESULT <json>} line for the test to check. Output goes to
 * {@code target/js-<script>-<n>.log} or {@code target/py-<script>-<n>.log}.
 */
final class ClientScript implements AutoCloseable {
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

    private ClientScript(String script, Process process, OutputCapture output) {
        this.script = script;
        this.process = process;
        this.output = output;
        LIVE.add(process);
    }

    /** Starts {@code node js/<script> <args>}. */
    static ClientScript node(String script, String... args) {
        Path file = E2e.jsDir().resolve(script);
        if (!Files.isDirectory(E2e.jsDir().resolve("node_modules").resolve("autobahn"))) {
            throw new AssertionError("AutobahnJS is not installed in " + E2e.jsDir()
                    + "/node_modules: the build runs 'npm ci' there in pre-integration-test");
        }
        return start("js", file, E2e.jsDir(), E2e.nodeExecutable(), "is Node.js 20+ installed?", args);
    }

    /** Starts {@code /usr/bin/python3 py/<script> <args>}. */
    static ClientScript python(String script, String... args) {
        return start("py", E2e.pyDir().resolve(script), E2e.pyDir(), E2e.pythonExecutable(),
                "is Debian's python3 installed? ./test.sh installs python3-autobahn, python3-msgpack, "
                        + "python3-cbor2 and python3-nacl", args);
    }

    private static ClientScript start(String kind, Path file, Path dir, String executable, String hint,
            String... args) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " is missing");
        }
        List<String> command = new ArrayList<>(List.of(executable, file.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " (" + hint + ")", e);
        }
        String name = kind + "-" + file.getFileName().toString().replaceFirst("\\.(js|py)$", "") + "-"
                + (args.length > 0 && !args[0].contains("/") && !args[0].startsWith("{") ? args[0] + "-" : "")
                + RUNS.incrementAndGet();
        return new ClientScript(file.getFileName().toString(), process,
                new OutputCapture(name, process.getInputStream(), E2e.logDir().resolve(name + ".log")));
    }

    /** Runs an AutobahnJS script to its end and returns its RESULT, failing with its output unless it exits 0. */
    static JsonNode runNode(Duration timeout, String script, String... args) {
        try (ClientScript js = node(script, args)) {
            js.awaitSuccess(timeout);
            return js.result();
        }
    }

    /** Runs an autobahn-python script to its end and returns its RESULT, failing with its output unless it exits 0. */
    static JsonNode runPython(Duration timeout, String script, String... args) {
        try (ClientScript py = python(script, args)) {
            py.awaitSuccess(timeout);
            return py.result();
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
                        + output.tail(60));
            }
            output.awaitEnd(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(script + " exited with " + process.exitValue() + "\n" + output.tail(60));
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
