package dev.switchboard.itest.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Switchboard node started from the assembled runtime ({@code runtime/bin/switchboard start}, working directory
 * the runtime directory) as a process of its own, on free ports passed through {@code SWITCHBOARD_OPTS}.
 *
 * <p>Each node gets its own framework cache, Unix socket and (unless it is the shared node) its own deploy directory
 * under {@code target/e2e/<name>}, so that several nodes can run side by side and none touches the state of a node a
 * developer runs from {@code runtime/}. Its console output goes to {@code target/node-<name>.log}.
 *
 * <p>No process is left behind: {@link #close()} stops the node, and a JVM shutdown hook kills every node (and
 * whatever it forked) that is still alive when the test JVM exits.
 */
public final class NodeProcess implements AutoCloseable {

    /** The launcher's last start-up line: every configured realm and listener is up (Node#report). */
    static final Pattern READY = Pattern.compile("\\bLauncher - started in \\d+ ms\\b");
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Router GOODBYE grace (2 s) + listener close (5 s) + framework stop, with room for a slow machine. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    // Property names from runtime/features/*.json (${name:-default} placeholders) and the launcher.
    static final String PORT_PROPERTY = "switchboard.websocket.port";
    static final String UNIX_SOCKET_PROPERTY = "switchboard.websocket.unixSocket";
    static final String RAWSOCKET_PORT_PROPERTY = "switchboard.rawsocket.port";
    static final String RAWSOCKET_SOCKET_PROPERTY = "switchboard.rawsocket.unixSocket";
    static final String STORAGE_PROPERTY = "org.osgi.framework.storage";
    static final String DEPLOY_PROPERTY = "felix.fileinstall.dir";
    static final String FILEINSTALL_TMP_PROPERTY = "felix.fileinstall.tmpdir";

    private static final Set<NodeProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(NodeProcess::kill), "e2e-node-reaper"));
    }

    private final String name;
    private final int port;
    private final Path unixSocket;
    private final Path deployDir;
    private final Process process;
    private final OutputCapture output;
    private final Set<ProcessHandle> family = ConcurrentHashMap.newKeySet();
    private final Duration startTimeout;
    private final Map<String, String> settings;

    private NodeProcess(String name, int port, Path unixSocket, Path deployDir, Process process, Path logFile,
            Duration startTimeout, Map<String, String> settings) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.startTimeout = startTimeout;
        this.port = port;
        this.unixSocket = unixSocket;
        this.deployDir = deployDir;
        this.process = process;
        this.output = new OutputCapture(name, process.getInputStream(), logFile);
        family.add(process.toHandle());
        LIVE.add(this);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Starts a node and waits until it is ready; on failure it is killed and the error shows its output. */
    public static NodeProcess startReady(Builder builder) {
        NodeProcess node = builder.start();
        try {
            node.awaitReady();
            return node;
        } catch (RuntimeException | Error e) {
            node.kill();
            throw e;
        }
    }

    // ---- waiting ----

    /** Waits for the ready line; fails with the tail of the output if it does not come or the node exits first. */
    public NodeProcess awaitReady() {
        Optional<String> ready = awaitLine(READY, startTimeout);
        rememberDescendants();
        if (ready.isEmpty()) {
            String why = process.isAlive() ? "no ready line within " + startTimeout.toSeconds() + " s"
                    : "the node exited with " + process.exitValue() + " before it was ready";
            kill();
            throw new AssertionError("node '" + name + "': " + why + " (expected a line matching '" + READY
                    + "')\n" + output.tail(60));
        }
        return this;
    }

    public Optional<String> awaitLine(Pattern pattern, Duration timeout) {
        try {
            return output.awaitLine(line -> pattern.matcher(line).find(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for node '" + name + "'", e);
        }
    }

    /** Waits for the process to end by itself; its exit code, or empty if it is still running after the timeout. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            output.awaitEnd(Duration.ofSeconds(5));
            LIVE.remove(this);
            killDescendants();
            return Optional.of(process.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for node '" + name + "'", e);
        }
    }

    // ---- stopping ----

    /**
     * Sends SIGTERM ({@link Process#destroy()} on Unix) and waits up to {@link #STOP_TIMEOUT} for the exit code.
     * If the node does not exit in time it is killed and this fails with the tail of its output.
     */
    public int stop() {
        if (!process.isAlive()) {
            return awaitExit(Duration.ZERO).orElseThrow();
        }
        rememberDescendants();
        process.destroy();
        Optional<Integer> code = awaitExit(STOP_TIMEOUT);
        if (code.isEmpty()) {
            kill();
            throw new AssertionError("node '" + name + "' did not exit within " + STOP_TIMEOUT.toSeconds()
                    + " s of SIGTERM; killed\n" + output.tail(60));
        }
        return code.get();
    }

    /** Stops with SIGTERM and asserts the node exited 0 in time. */
    public void stopCleanly() {
        int code = stop();
        if (code != 0) {
            throw new AssertionError("node '" + name + "' exited with " + code + " after SIGTERM, expected 0\n"
                    + output.tail(60));
        }
    }

    /** Stops the node if it still runs (SIGTERM, then SIGKILL); never throws, for finally blocks. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
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
        rememberDescendants();
        family.forEach(ProcessHandle::destroyForcibly);
        LIVE.remove(this);
    }

    private void rememberDescendants() {
        // Children are no longer our descendants once their parent died: remember them while it lives.
        process.descendants().forEach(family::add);
    }

    private void killDescendants() {
        family.stream().filter(handle -> handle.pid() != process.pid()).forEach(ProcessHandle::destroyForcibly);
    }

    // ---- what the node offers ----

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The WAMP WebSocket URL on TCP. */
    public String url() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    public Path unixSocket() {
        return unixSocket;
    }

    /** The WAMP WebSocket URL on the Unix domain socket, in the form the {@code ws} npm package understands. */
    public String unixUrl() {
        return "ws+unix://" + unixSocket.toAbsolutePath() + ":/ws";
    }

    public Path deployDir() {
        return deployDir;
    }

    /** A setting the node was started with (a system property in SWITCHBOARD_OPTS), or null. */
    public String setting(String key) {
        return settings.get(key);
    }

    /** The RawSocket listener on TCP, as {@code 127.0.0.1:port}. */
    public String rawSocketAddress() {
        return "127.0.0.1:" + settings.get(RAWSOCKET_PORT_PROPERTY);
    }

    public int rawSocketPort() {
        return Integer.parseInt(settings.get(RAWSOCKET_PORT_PROPERTY));
    }

    /** The RawSocket listener on the Unix domain socket. */
    public Path rawSocketUnixSocket() {
        return Path.of(settings.get(RAWSOCKET_SOCKET_PROPERTY));
    }

    /** The node's JVM (bin/switchboard execs java, so the process is the JVM). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> output() {
        return output.lines();
    }

    public String tail(int lines) {
        return output.tail(lines);
    }

    @Override
    public String toString() {
        return "NodeProcess[" + name + ", pid " + process.pid() + (process.isAlive() ? ", alive" : ", exited")
                + ", " + url() + ", " + output.file() + "]";
    }

    // ---- starting ----

    /** What a node is started with; every path is per node unless said otherwise. */
    public static final class Builder {
        private final String name;
        private final Path work;
        private int port;
        private boolean runtimeDeployDir;
        private Duration startTimeout = START_TIMEOUT;
        private final List<Path> predeployed = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
            this.work = E2e.workDir().resolve(name);
        }

        /** The TCP port; a free one by default. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Watch the runtime's own {@code deploy/} (as a real node does) instead of a private one. */
        public Builder runtimeDeployDir() {
            this.runtimeDeployDir = true;
            return this;
        }

        /** Files copied into the node's own deploy directory before it starts. */
        public Builder predeploy(Path file) {
            predeployed.add(file);
            return this;
        }

        /** How long {@link #awaitReady()} waits for the ready line. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Starts the process without waiting for it to be ready. */
        public NodeProcess start() {
            int tcpPort = port > 0 ? port : freePort();
            Path deploy = runtimeDeployDir ? E2e.runtimeDir().resolve("deploy") : work.resolve("deploy");
            Map<String, String> opts = settings(tcpPort, deploy);
            Path script = E2e.runtimeDir().resolve("bin").resolve("switchboard");
            if (!Files.isExecutable(script)) {
                throw new AssertionError(script + " is missing or not executable: is the runtime assembled "
                        + "(mvn install in runtime/)?");
            }
            prepareDirectories(deploy, opts);

            List<String> command = List.of(script.toString(), "start");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(E2e.runtimeDir().toFile())
                    .redirectErrorStream(true);
            pb.environment().put("SWITCHBOARD_OPTS", opts.entrySet().stream()
                    .map(entry -> "-D" + entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining(" ")));
            Process process;
            try {
                process = pb.start();
                process.getOutputStream().close(); // stdin at EOF, as under a service manager
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            return new NodeProcess(name, tcpPort, Path.of(opts.get(UNIX_SOCKET_PROPERTY)), deploy, process,
                    E2e.logDir().resolve("node-" + name + ".log"), startTimeout, opts);
        }

        /**
         * Every listener the features configure gets a free port and a socket of this node's own, so that nodes
         * never clash with each other or with a node someone runs from runtime/ on the default ports.
         */
        private Map<String, String> settings(int tcpPort, Path deploy) {
            Map<String, String> opts = new LinkedHashMap<>();
            for (String property : featurePlaceholders(LISTENER_PORT)) {
                opts.put(property, Integer.toString(freePort()));
            }
            for (String property : featurePlaceholders(LISTENER_SOCKET)) {
                String transport = property.substring("switchboard.".length(), property.lastIndexOf('.'));
                opts.put(property, work.resolve(transport + ".sock").toString());
            }
            opts.put(PORT_PROPERTY, Integer.toString(tcpPort));
            opts.put(UNIX_SOCKET_PROPERTY, work.resolve("websocket.sock").toString());
            opts.put(STORAGE_PROPERTY, work.resolve("felix-cache").toString());
            opts.put(FILEINSTALL_TMP_PROPERTY, work.resolve("fileinstall").toString());
            // Each node its own local shell socket: several test nodes run from the same runtime/run.
            opts.put("switchboard.shell.socket", work.resolve("run").resolve("shell.sock").toString());
            if (!runtimeDeployDir) {
                opts.put(DEPLOY_PROPERTY, deploy.toString());
            }
            opts.putAll(properties);
            return opts;
        }

        /** Removes what an earlier run left (sockets, a private deploy/'s files) and pre-deploys. */
        private void prepareDirectories(Path deploy, Map<String, String> opts) {
            if (runtimeDeployDir && !predeployed.isEmpty()) {
                throw new IllegalStateException("predeploy only into a node's own deploy directory");
            }
            try {
                Files.createDirectories(work);
                Files.createDirectories(deploy);
                for (String property : featurePlaceholders(LISTENER_SOCKET)) {
                    Files.deleteIfExists(Path.of(opts.get(property)));
                }
                if (!runtimeDeployDir) {
                    try (var stale = Files.list(deploy)) {
                        for (Path file : stale.toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                }
                for (Path file : predeployed) {
                    Files.copy(file, deploy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code ${switchboard.<transport>.port:-8081}} and the like in the assembled runtime's features. */
    private static final Pattern LISTENER_PORT = Pattern.compile("\\$\\{(switchboard\\.[\\w.-]+\\.port):-");
    private static final Pattern LISTENER_SOCKET = Pattern.compile("\\$\\{(switchboard\\.[\\w.-]+\\.unixSocket):-");

    /** The property names the pattern finds in runtime/features/*.json, e.g. switchboard.rawsocket.port. */
    static Set<String> featurePlaceholders(Pattern pattern) {
        Set<String> names = new java.util.TreeSet<>();
        try (var files = Files.newDirectoryStream(E2e.runtimeDir().resolve("features"), "*.json")) {
            for (Path file : files) {
                var matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + E2e.runtimeDir().resolve("features")
                    + ": is the runtime assembled?", e);
        }
        return names;
    }

    /** A port nobody listens on right now (the node binds it a moment later; a clash shows as a start failure). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
