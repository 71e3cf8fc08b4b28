package dev.switchboard.itest.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A node run from a node directory, as an operator runs one: {@code bin/switchboard init --cbdir DIR}, then
 * {@code start --cbdir DIR} as a process of its own (working directory the runtime, output in
 * {@code target/node-<name>.log}). The node directory is {@code target/e2e/<name>}, made afresh; its config.json
 * says the realms and listeners, so only the features' other listeners (the Web Console) get free ports through
 * {@code SWITCHBOARD_OPTS}. No process is left behind: {@link #close()} stops the node (SIGTERM, then SIGKILL), and a
 * JVM shutdown hook kills every node that is still alive when the test JVM exits.
 */
final class NodeDirectoryProcess implements AutoCloseable {

    /** RouterNode's last start-up line: everything is up and config.json is watched for edits. */
    static final Pattern READY = Pattern.compile("edits of config\\.json are applied while running");
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FEATURE_PORT = Pattern.compile("\\$\\{(switchboard\\.[\\w.-]+\\.port):-");
    private static final Set<NodeDirectoryProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(NodeDirectoryProcess::kill),
                "e2e-node-directory-reaper"));
    }

    private final String name;
    private final Path directory;
    private final Set<ProcessHandle> family = ConcurrentHashMap.newKeySet();
    private Process process;
    private OutputCapture output;

    private NodeDirectoryProcess(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /** {@code switchboard init --cbdir target/e2e/<name>} into an empty directory; fails with its output. */
    static NodeDirectoryProcess init(String name) {
        Path directory = E2e.workDir().resolve(name);
        deleteTree(directory);
        List<String> command = List.of(script().toString(), "init", "--cbdir", directory.toString());
        try {
            Process init = new ProcessBuilder(command).directory(E2e.runtimeDir().toFile()).redirectErrorStream(true)
                    .start();
            init.getOutputStream().close();
            String out = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!init.waitFor(60, TimeUnit.SECONDS)) {
                init.destroyForcibly();
                throw new AssertionError("'" + String.join(" ", command) + "' did not end within 60 s\n" + out);
            }
            if (init.exitValue() != 0 || !Files.isRegularFile(directory.resolve("config.json"))) {
                throw new AssertionError("'" + String.join(" ", command) + "' exited with " + init.exitValue()
                        + "\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new NodeDirectoryProcess(name, directory);
    }

    Path directory() {
        return directory;
    }

    Path config() {
        return directory.resolve("config.json");
    }

    /**
     * {@code switchboard start --cbdir DIR} with {@code environment} added to the node's, waiting for the ready
     * line; on failure the node is killed and the error shows its output.
     */
    NodeDirectoryProcess start(Map<String, String> environment) {
        if (process != null) {
            throw new IllegalStateException("node '" + name + "' was started already");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (String property : NodeProcess.featurePlaceholders(FEATURE_PORT)) {
            opts.put(property, Integer.toString(NodeProcess.freePort()));
        }
        ProcessBuilder builder = new ProcessBuilder(script().toString(), "start", "--cbdir", directory.toString())
                .directory(E2e.runtimeDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("SWITCHBOARD_OPTS", opts.entrySet().stream()
                .map(entry -> "-D" + entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" ")));
        try {
            process = builder.start();
            process.getOutputStream().close(); // stdin at EOF, as under a service manager
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node '" + name + "'", e);
        }
        family.add(process.toHandle());
        LIVE.add(this);
        output = new OutputCapture(name, process.getInputStream(), E2e.logDir().resolve("node-" + name + ".log"));
        Optional<String> ready = awaitLine(READY, START_TIMEOUT);
        process.descendants().forEach(family::add);
        if (ready.isEmpty()) {
            String why = process.isAlive() ? "no ready line within " + START_TIMEOUT.toSeconds() + " s"
                    : "the node exited with " + process.exitValue() + " before it was ready";
            kill();
            throw new AssertionError("node '" + name + "': " + why + " (expected a line matching '" + READY + "')\n"
                    + output.tail(60));
        }
        return this;
    }

    Optional<String> awaitLine(Pattern pattern, Duration timeout) {
        try {
            return output.awaitLine(line -> pattern.matcher(line).find(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for node '" + name + "'", e);
        }
    }

    /** The first line matching, or a failure with the tail of the output. */
    String expectLine(Pattern pattern, Duration timeout, String what) {
        return awaitLine(pattern, timeout).orElseThrow(() -> new AssertionError("node '" + name + "': no line "
                + what + " ('" + pattern + "') within " + timeout.toSeconds() + " s\n" + output.tail(60)));
    }

    boolean anyLine(Pattern pattern) {
        return output.anyLine(line -> pattern.matcher(line).find());
    }

    /** The WebSocket URL of config.json's transport at {@code port}. */
    static String url(int port) {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String tail(int lines) {
        return output == null ? "(not started)" : output.tail(lines);
    }

    /**
     * SIGTERM and the exit code, waiting up to {@link #STOP_TIMEOUT}; killed (and a failure with the output) when
     * it does not exit in time.
     */
    int stop() {
        process.descendants().forEach(family::add);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("node '" + name + "' did not exit within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM; killed\n" + output.tail(60));
            }
            output.awaitEnd(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping node '" + name + "'", e);
        } finally {
            kill(); // whatever it started and left
        }
        return process.exitValue();
    }

    /** Stops the node if it still runs (SIGTERM, then SIGKILL); never throws, for finally blocks. */
    @Override
    public void close() {
        try {
            if (isAlive()) {
                stop();
            }
        } catch (RuntimeException | AssertionError e) {
            System.err.println("node '" + name + "': " + e.getMessage());
        } finally {
            kill();
        }
    }

    /** SIGKILL to the node and everything it started. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(family::add);
        }
        family.forEach(ProcessHandle::destroyForcibly);
        LIVE.remove(this);
    }

    private static Path script() {
        Path script = E2e.runtimeDir().resolve("bin").resolve("switchboard");
        if (!Files.isExecutable(script)) {
            throw new AssertionError(script + " is missing or not executable: is the runtime assembled "
                    + "(mvn install in runtime/)?");
        }
        return script;
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    @Override
    public String toString() {
        return "NodeDirectoryProcess[" + name + ", " + directory + (process == null ? "" : ", pid " + process.pid()
                + (process.isAlive() ? ", alive" : ", exited")) + "]";
    }
}
