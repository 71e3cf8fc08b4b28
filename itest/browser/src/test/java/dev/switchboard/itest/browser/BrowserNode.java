package dev.switchboard.itest.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The assembled node ({@code runtime/bin/switchboard start}) as a process of its own, with every listener the
 * features configure moved to a free port or a socket under the work directory, its own framework cache and its
 * own deploy directory, so it never clashes with a node a developer runs from {@code runtime/}. Its output goes to
 * a log file. {@link #close()} stops it (SIGTERM, then SIGKILL to it and everything it started); a shutdown hook
 * does the same if the test JVM ends first.
 */
final class BrowserNode implements AutoCloseable {
    /** The launcher's last start-up line (see itest/e2e NodeProcess). */
    private static final Pattern READY = Pattern.compile("\\bLauncher - started in \\d+ ms\\b");
    private static final Pattern LISTENER_PORT = Pattern.compile("\\$\\{(switchboard\\.[\\w.-]+\\.port):-");
    private static final Pattern LISTENER_SOCKET = Pattern.compile("\\$\\{(switchboard\\.[\\w.-]+\\.unixSocket):-");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<BrowserNode> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(BrowserNode::kill), "browser-node-reaper"));
    }

    private final Process process;
    private final Path logFile;
    private final Map<String, String> options;
    private final List<String> lines = new ArrayList<>(); // guarded by this
    private boolean ended;                                 // guarded by this
    private final Set<ProcessHandle> family = ConcurrentHashMap.newKeySet();
    private final Thread pump;

    private BrowserNode(Process process, Path logFile, Map<String, String> options) throws IOException {
        this.process = process;
        this.logFile = logFile;
        this.options = Map.copyOf(options);
        family.add(process.toHandle());
        LIVE.add(this);
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        pump = new Thread(() -> pump(log), "browser-node-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts the node with {@code deployDir} as its FileInstall directory and waits for its ready line.
     *
     * @throws AssertionError with the tail of its output when it is not ready within {@code timeout}
     */
    static BrowserNode start(Path runtime, Path work, Path deployDir, Path logFile, Duration timeout)
            throws IOException {
        return start(runtime, work, deployDir, logFile, timeout, Map.of());
    }

    /** As {@link #start(Path, Path, Path, Path, Duration)}, with more {@code -D} settings for the node. */
    static BrowserNode start(Path runtime, Path work, Path deployDir, Path logFile, Duration timeout,
            Map<String, String> settings) throws IOException {
        Map<String, String> withSocket = new LinkedHashMap<>();
        // The local shell's socket in the work directory, so a test node never takes a developer's run/shell.sock
        withSocket.put("switchboard.shell.socket", work.resolve("run").resolve("shell.sock").toString());
        withSocket.putAll(settings);
        return launch(runtime, work, deployDir, logFile, timeout, withSocket, List.of("start"));
    }

    /**
     * {@code switchboard start --cbdir nodeDirectory}: what its config.json says, its log, run/ (with the shell
     * socket where the launcher puts it) and framework cache in the node directory; the runtime's deploy directory
     * replaced by one of the node directory's, and the features' listeners moved as for {@link #start}.
     */
    static BrowserNode startNodeDirectory(Path runtime, Path nodeDirectory, Path logFile, Duration timeout,
            Map<String, String> settings) throws IOException {
        return launch(runtime, nodeDirectory, nodeDirectory.resolve("runtime-deploy"), logFile, timeout, settings,
                List.of("start", "--cbdir", nodeDirectory.toString()));
    }

    private static BrowserNode launch(Path runtime, Path work, Path deployDir, Path logFile, Duration timeout,
            Map<String, String> settings, List<String> arguments) throws IOException {
        Files.createDirectories(deployDir);
        Path script = runtime.resolve("bin").resolve("switchboard");
        if (!Files.isExecutable(script)) {
            throw new AssertionError(script + " is missing: is the runtime assembled (mvn install in runtime/)?");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (String property : placeholders(runtime, LISTENER_PORT)) {
            opts.put(property, Integer.toString(freePort()));
        }
        for (String property : placeholders(runtime, LISTENER_SOCKET)) {
            Path socket = work.resolve(property.replace("switchboard.", "").replace(".unixSocket", "") + ".sock");
            Files.deleteIfExists(socket);
            opts.put(property, socket.toString());
        }
        opts.put("org.osgi.framework.storage", work.resolve("felix-cache").toString());
        opts.put("felix.fileinstall.dir", deployDir.toString());
        opts.put("felix.fileinstall.tmpdir", work.resolve("fileinstall").toString());
        opts.putAll(settings);

        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runtime.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_OPTS", opts.entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        Process process = builder.start();
        process.getOutputStream().close(); // stdin at EOF, as under a service manager
        BrowserNode node = new BrowserNode(process, logFile, opts);
        if (!node.awaitLine(READY, timeout)) {
            String why = process.isAlive() ? "no ready line within " + timeout.toSeconds() + " s"
                    : "it exited with " + process.exitValue();
            node.close();
            throw new AssertionError("the node did not start: " + why + "\n" + node.tail(60));
        }
        return node;
    }

    /** A {@code -D} setting the node was started with, e.g. the port chosen for switchboard.console.port. */
    String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new AssertionError("the node was started without -D" + name + "; its settings: "
                    + options.keySet());
        }
        return value;
    }

    /** Whether a line matching {@code pattern} appeared (or appears within {@code timeout}). */
    synchronized boolean awaitLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (pattern.matcher(lines.get(checked)).find()) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    synchronized String tail(int count) {
        List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
        return "--- last " + last.size() + " lines of " + logFile + " ---\n" + String.join("\n", last);
    }

    /** SIGTERM and a bounded wait, then SIGKILL to the node and whatever it started. Never throws. */
    @Override
    public void close() {
        process.descendants().forEach(family::add);
        process.destroy();
        try {
            if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                pump.join(2000); // the last lines (the stop) into the log
            } else {
                System.err.println("the node did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            kill();
        }
    }

    private void kill() {
        if (process.isAlive()) {
            process.descendants().forEach(family::add);
        }
        family.forEach(ProcessHandle::destroyForcibly);
        LIVE.remove(this);
    }

    private void pump(Writer log) {
        try (log; BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Property names such as switchboard.rawsocket.port in the assembled runtime's features. */
    private static Set<String> placeholders(Path runtime, Pattern pattern) {
        Set<String> names = new TreeSet<>();
        try (var files = Files.newDirectoryStream(runtime.resolve("features"), "*.json")) {
            for (Path file : files) {
                Matcher matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runtime.resolve("features"), e);
        }
        return names;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any of the runtime's features installs {@code artifactId} itself. */
    static boolean featuresInstall(Path runtime, String artifactId) {
        try (var files = Files.newDirectoryStream(runtime.resolve("features"), "*.json")) {
            for (Path file : files) {
                if (Files.readString(file).contains(":" + artifactId + ":")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "BrowserNode[pid " + process.pid() + (process.isAlive() ? ", alive" : ", exited") + ", " + logFile
                + "]";
    }
}
