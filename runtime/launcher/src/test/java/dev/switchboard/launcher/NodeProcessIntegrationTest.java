package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.ReconnectPolicy;
import dev.switchboard.client.remote.RawSocketConnector;
import dev.switchboard.client.remote.RawSocketConnectorSettings;
import dev.switchboard.launcher.fixture.EchoComponent;
import dev.switchboard.serializer.json.JsonSerializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as a user meets it, with real processes: init, check, start, status, a config.json edit applied live, an
 * invalid edit rejected, a container worker killed and restarted by its node, stop (container included). The demo
 * components are replaced by a fixture component that answers its JVM's pid: in the router from system/ (installed
 * because config.json names its class), in the container from deploy/container1/.
 */
class NodeProcessIntegrationTest {

    private static final String ECHO = EchoComponent.class.getName();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private TestRuntime runtime;
    private Path nodeDirectory;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void runtime() throws Exception {
        runtime = new TestRuntime(directory.resolve("rt"));
        nodeDirectory = directory.resolve("n1");
    }

    /** Whatever happened, no node and no container outlives the test. */
    @AfterEach
    void killEverything() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private record Run(int exit, String out) {
    }

    private Run run(String... arguments) throws Exception {
        Process process = new ProcessBuilder(runtime.command(directory, arguments)).redirectErrorStream(true).start();
        started.add(process);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "'" + String.join(" ", arguments) + "' ended");
        return new Run(process.exitValue(), out);
    }

    private Process startNode(Path log) throws IOException {
        Process node = new ProcessBuilder(runtime.command(directory, "start", "--cbdir", "n1"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(node);
        return node;
    }

    @Test
    @Timeout(240)
    void initCheckStartEditKillRestartStop() throws Exception {
        Run init = run("init", "--cbdata", "n1");
        assertEquals(0, init.exit(), init.out());
        assertTrue(init.out().contains("Initialized node directory " + nodeDirectory), init.out());
        Run again = run("init", "--cbdir", "n1");
        assertEquals(1, again.exit());
        assertTrue(again.out().contains("is a node directory already"), again.out());

        int webPort = freePort();
        Files.writeString(nodeDirectory.resolve("config.json"), withFixture(webPort));
        TestRuntime.echoBundle(runtime.layout.system().resolve("test/echo/1/echo-1.jar"));
        TestRuntime.echoBundle(nodeDirectory.resolve("deploy/container1/echo.jar"));
        Run check = run("check", "--cbdir", "n1");
        assertEquals(0, check.exit(), check.out());
        assertTrue(check.out().startsWith("OK: " + nodeDirectory.resolve("config.json")), check.out());

        Path log = directory.resolve("node.out");
        Process node = startNode(log);
        RunFiles files = new RunFiles(nodeDirectory.resolve("run"));
        long containerPid = await("the container runs", () -> containerPid(files));
        Run status = run("status", "--cbdir", "n1");
        assertEquals(0, status.exit(), status.out());
        assertTrue(status.out().contains("running, pid " + node.pid()), status.out());
        assertTrue(status.out().contains("rawsocket+unix:" + nodeDirectory.resolve("run/router.sock")), status.out());
        assertTrue(status.out().contains("ws://127.0.0.1:" + webPort + "/ws"), status.out());
        assertTrue(status.out().contains("container container1: running, pid " + containerPid), status.out());

        String socket = "rawsocket+unix:" + nodeDirectory.resolve("run/router.sock");
        assertEquals(node.pid(), await("the router's component answers", () -> pidOf(socket, "realm1", "test.router")));
        assertEquals(containerPid, await("the container's component answers",
                () -> pidOf(socket, "realm1", "test.container")));

        // An edit: a realm and a RawSocket listener more, applied without restart
        int rawPort = freePort();
        Files.writeString(nodeDirectory.resolve("config.json"), withRealm2(Files.readString(
                nodeDirectory.resolve("config.json")), rawPort));
        await("realm2 on the new listener", () -> joins("rawsocket://127.0.0.1:" + rawPort, "realm2"));
        assertTrue(node.isAlive());

        // An invalid edit is rejected with its path; what runs stays
        String valid = Files.readString(nodeDirectory.resolve("config.json"));
        String invalid = valid.replaceAll("\"port\":\\s*" + rawPort, "\"port\": \"80a\"");
        assertNotEquals(valid, invalid);
        Files.writeString(nodeDirectory.resolve("config.json"), invalid);
        await("the rejection in the log", () -> logContains(log, "config.json change rejected"));
        assertTrue(logContains(log, "workers[0].transports[2].endpoint.port: expected an integer from 1 to 65535,"
                + " got \"80a\"") != null, read(log));
        assertTrue(joins("rawsocket://127.0.0.1:" + rawPort, "realm2") != null, "realm2 still served");

        // The container dies hard; its node starts it again
        ProcessHandle.of(containerPid).orElseThrow().destroyForcibly();
        long restarted = await("a new container", () -> {
            Long pid = pidOf(socket, "realm1", "test.container");
            return pid != null && pid != containerPid ? pid : null;
        });
        assertNotEquals(node.pid(), restarted);
        assertTrue(logContains(log, "container container1 (pid " + containerPid + ") exited with status 137") != null,
                read(log));

        Run stop = run("stop", "--cbdir", "n1");
        assertEquals(0, stop.exit(), stop.out());
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "the node ended");
        assertEquals(0, node.exitValue());
        assertFalse(ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false), "the container ended");
        assertFalse(Files.exists(files.pidFile()), "the pid file is gone");
        assertEquals(Main.NOT_RUNNING, run("status", "--cbdir", "n1").exit());
        Run stopAgain = run("stop", "--cbdir", "n1");
        assertEquals(Main.NOT_RUNNING, stopAgain.exit());
        assertTrue(stopAgain.out().contains("No node is running for " + nodeDirectory), stopAgain.out());
        assertTrue(Files.readString(nodeDirectory.resolve("log/node.log")).contains("[container1]"),
                "the container's lines are in the node's log");
    }

    @Test
    @Timeout(60)
    void anInvalidConfigurationStartsNothing() throws Exception {
        assertEquals(0, run("init", "--cbdir", "n1").exit());
        Path config = nodeDirectory.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"port\": 8080", "\"port\": \"80a\"")
                .replace("\"type\": \"rawsocket\",\n                    \"id\"", "\"type\": \"mqtt\",\n"
                        + "                    \"id\""));
        Run check = run("check", "--cbdir", "n1");
        assertEquals(1, check.exit());
        assertTrue(check.out().contains("workers[0].transports[0].endpoint.port: expected an integer from 1 to"
                + " 65535, got \"80a\""), check.out());
        assertTrue(check.out().contains("workers[0].transports[1].type: not supported by Switchboard: MQTT"
                + " transports"), check.out());
        Run start = run("start", "--cbdir", "n1");
        assertEquals(1, start.exit(), start.out());
        assertTrue(start.out().contains("problems; nothing was started"), start.out());
        assertFalse(Files.exists(nodeDirectory.resolve("run/node.pid")));
        Run missing = run("start", "--cbdir", "nowhere");
        assertEquals(1, missing.exit());
        assertTrue(missing.out().contains("is not a node directory (no config.json); create one with: switchboard"
                + " init --cbdir"), missing.out());
    }

    /** The seed's demo as init writes it (but for the web port): TimeService in the router, TickService in a container. */
    @Test
    @Timeout(120)
    void theDemoRunsAsInitWritesIt() throws Exception {
        Assumptions.assumeTrue(runtime.demoBundles(), "the demo bundles are not in the local repository");
        assertEquals(0, run("init", "--cbdir", "n1").exit());
        Path config = nodeDirectory.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"port\": 8080", "\"port\": " + freePort()));
        assertEquals(0, run("check", "--cbdir", "n1").exit());
        Process node = startNode(directory.resolve("node.out"));
        RunFiles files = new RunFiles(nodeDirectory.resolve("run"));
        long containerPid = await("the container runs", () -> containerPid(files));
        try (RawSocketConnector connector = connector("rawsocket+unix:" + nodeDirectory.resolve("run/router.sock"))) {
            WampSession session = connector.join("realm1", SessionListener.NONE).get(10, TimeUnit.SECONDS);
            Object now = await("com.timeservice.now", () -> {
                try {
                    return session.call("com.timeservice.now", List.of(), Map.of()).get(5, TimeUnit.SECONDS).arg(0);
                } catch (Exception e) {
                    return null;
                }
            });
            assertTrue(java.time.Instant.parse((String) now).isAfter(java.time.Instant.now().minusSeconds(60)));
            java.util.concurrent.BlockingQueue<Object> ticks = new java.util.concurrent.LinkedBlockingQueue<>();
            session.subscribe("com.myapp.topic1", event -> ticks.add(event.arg(0))).get(5, TimeUnit.SECONDS);
            Object first = ticks.poll(10, TimeUnit.SECONDS);
            Object second = ticks.poll(10, TimeUnit.SECONDS);
            assertTrue(((Number) second).longValue() > ((Number) first).longValue(), first + " then " + second);
        }
        assertEquals(0, run("stop", "--cbdir", "n1").exit());
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(containerPid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** The template with the fixture in place of the demo components and the web transport on a free port. */
    private String withFixture(int webPort) throws IOException {
        JsonObject config = JsonParser.parseString(Files.readString(nodeDirectory.resolve("config.json")))
                .getAsJsonObject();
        JsonArray workers = config.getAsJsonArray("workers");
        JsonObject router = workers.get(0).getAsJsonObject();
        router.getAsJsonArray("transports").get(0).getAsJsonObject().getAsJsonObject("endpoint")
                .addProperty("port", webPort);
        fixture(router.getAsJsonArray("components").get(0).getAsJsonObject(), "test.router");
        fixture(workers.get(1).getAsJsonObject().getAsJsonArray("components").get(0).getAsJsonObject(),
                "test.container");
        return config.toString().replace(",", ",\n");
    }

    private static void fixture(JsonObject component, String procedure) {
        component.addProperty("classname", ECHO);
        JsonObject extra = new JsonObject();
        extra.addProperty("procedure", procedure);
        component.add("extra", extra);
    }

    private static String withRealm2(String json, int port) {
        JsonObject config = JsonParser.parseString(json).getAsJsonObject();
        JsonObject router = config.getAsJsonArray("workers").get(0).getAsJsonObject();
        JsonObject realm = new JsonObject();
        realm.addProperty("name", "realm2");
        router.getAsJsonArray("realms").add(realm);
        JsonObject transport = JsonParser.parseString("{\"type\": \"rawsocket\", \"id\": \"tcp2\", \"endpoint\":"
                + " {\"type\": \"tcp\", \"interface\": \"127.0.0.1\", \"port\": " + port + "}}").getAsJsonObject();
        router.getAsJsonArray("transports").add(transport);
        return config.toString().replace(",", ",\n");
    }

    private static Long containerPid(RunFiles files) {
        return files.readStatus().map(status -> status.get("containers")).filter(JsonElement::isJsonArray)
                .map(JsonElement::getAsJsonArray).filter(array -> !array.isEmpty())
                .map(array -> array.get(0).getAsJsonObject()).filter(container -> container.has("pid"))
                .map(container -> container.get("pid").getAsLong()).orElse(null);
    }

    /** The pid a fixture procedure answers, or null when it cannot be called (yet). */
    private static Long pidOf(String url, String realm, String procedure) {
        try (RawSocketConnector connector = connector(url)) {
            WampSession session = connector.join(realm, SessionListener.NONE).get(5, TimeUnit.SECONDS);
            Object pid = session.call(procedure, List.of(), Map.of()).get(5, TimeUnit.SECONDS).arg(0);
            session.leave();
            return ((Number) pid).longValue();
        } catch (Exception e) {
            return null;
        }
    }

    private static Boolean joins(String url, String realm) {
        try (RawSocketConnector connector = connector(url)) {
            connector.join(realm, SessionListener.NONE).get(5, TimeUnit.SECONDS).leave();
            return true;
        } catch (Exception e) {
            return null;
        }
    }

    private static RawSocketConnector connector(String url) {
        return new RawSocketConnector(RawSocketConnectorSettings.of("test", url).withReconnect(ReconnectPolicy.NEVER)
                .withConnectTimeout(Duration.ofSeconds(3)), new JsonSerializer()).start();
    }

    private static String logContains(Path log, String text) {
        return read(log).contains(text) ? text : null;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
