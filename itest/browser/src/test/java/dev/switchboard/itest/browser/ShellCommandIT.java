package dev.switchboard.itest.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code switchboard shell} against a node started from a node directory ({@code start --cbdir DIR}), as scripts
 * use it: output on stdout, the command's error on stderr, exit codes 0 (done), 1 (the command failed), 2 (the line
 * was refused), 3 (no node). Also what the shell is for besides the wamp: commands: log levels changed while the node
 * runs ({@code log:level}), seen in the node's log, which the launcher rotates ({@code switchboard.log.maxSize}).
 * One node for all, in this order; the last test stops it through the shell.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellCommandIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);
    /** Small, so that the start-up alone rotates the log. */
    private static final int LOG_MAX_SIZE = 2048;

    private static final Path RUNTIME = path("switchboard.browser.runtime", "../../runtime");
    /** Short: the shell socket's path must fit a Unix socket address (about 100 bytes). */
    private static final Path NODE = path("switchboard.browser.work", "target/browser").resolveSibling("shell-node");
    private static final Path LOGS = path("switchboard.browser.logs", "target");

    private static BrowserNode node;
    private static int webPort;

    @BeforeAll
    static void startNode() throws IOException {
        reset(NODE);
        webPort = BrowserNode.freePort();
        // A node directory with one realm and one WebSocket listener: no components, no container worker
        Files.writeString(NODE.resolve("config.json"), """
                {
                  "version": 2,
                  "controller": {"id": "shell-test"},
                  "workers": [{
                    "type": "router",
                    "id": "router1",
                    "realms": [{"name": "realm1", "roles": [{"name": "anonymous", "permissions": [
                      {"uri": "", "match": "prefix",
                       "allow": {"call": true, "register": true, "publish": true, "subscribe": true}}]}]}],
                    "transports": [{"type": "websocket", "id": "ws1",
                      "endpoint": {"type": "tcp", "interface": "127.0.0.1", "port": %d}}]
                  }]
                }
                """.formatted(webPort), StandardCharsets.UTF_8);
        node = BrowserNode.startNodeDirectory(RUNTIME, NODE, LOGS.resolve("node-shell.log"), START_TIMEOUT, Map.of(
                "switchboard.log.maxSize", Integer.toString(LOG_MAX_SIZE),
                "switchboard.log.maxFiles", "2"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void printsACommandsOutputAndExitsZero() throws Exception {
        Shell realms = shell("wamp:realms");
        assertEquals(0, realms.exit(), realms.toString());
        assertTrue(realms.out().startsWith("REALM "), realms.toString());
        assertTrue(realms.out().contains("\nrealm1 "), realms.toString());
        assertEquals("", realms.err());

        // Words after the command are joined: the command's own options stay the command's
        Shell json = shell("wamp:realms", "-j");
        assertEquals(0, json.exit(), json.toString());
        JsonNode parsed = new ObjectMapper().readTree(json.out());
        assertEquals("realm1", parsed.get(0).get("name").asText());

        // Framework commands print to System.out, which Gogo sends to this request
        Shell bundles = shell("lb -s | grep logback");
        assertEquals(0, bundles.exit(), bundles.toString());
        assertTrue(bundles.out().contains("ch.qos.logback.classic"), bundles.toString());
    }

    @Test
    @Order(2)
    void aSessionOpenedByAClientIsListedAndCanBeKilled() throws Exception {
        try (MiniWamp client = MiniWamp.join(java.net.URI.create("ws://127.0.0.1:" + webPort + "/ws"), "realm1")) {
            long session = client.sessionId();
            Shell sessions = shell("wamp:sessions realm1");
            assertEquals(0, sessions.exit(), sessions.toString());
            assertTrue(sessions.out().contains(Long.toString(session)), sessions.toString());

            Shell kill = shell("wamp:kill " + session);
            assertEquals(0, kill.exit(), kill.toString());
            assertEquals("wamp.close.killed", client.closedByRouter().get(10, TimeUnit.SECONDS));
            Shell again = shell("wamp:kill " + session);
            assertEquals(1, again.exit(), again.toString());
            assertEquals("no session " + session + "\n", again.err());
        }
    }

    @Test
    @Order(3)
    void failuresExitNonZeroWithTheReasonOnStderr() throws Exception {
        Shell unknownRealm = shell("wamp:sessions nope");
        assertEquals(1, unknownRealm.exit(), unknownRealm.toString());
        assertEquals("", unknownRealm.out());
        assertEquals("no realm 'nope'\n", unknownRealm.err());

        Shell unknownCommand = shell("nope:nothing");
        assertEquals(1, unknownCommand.exit(), unknownCommand.toString());
        assertTrue(unknownCommand.err().contains("Command not found: nope:nothing"), unknownCommand.toString());

        Shell tooLong = shell("echo " + "x".repeat(70_000));
        assertEquals(2, tooLong.exit(), "a line over maxLineLength is refused, not run");
        assertTrue(tooLong.err().contains("the node accepts at most 65536"), tooLong.err());

        Shell noCommand = shell();
        assertEquals(2, noCommand.exit(), noCommand.toString());
        assertTrue(noCommand.err().startsWith("switchboard: 'shell' needs a command"), noCommand.err());
    }

    @Test
    @Order(4)
    void theSocketIsTheOwnersOnlyAndNothingListensOnTheNetwork() throws IOException {
        Path run = NODE.resolve("run");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                run.resolve("shell.sock"), LinkOption.NOFOLLOW_LINKS)));
        assertTrue(node.awaitLine(Pattern.compile("Local shell on " + Pattern.quote(run.resolve("shell.sock")
                .toString()) + " \\(owner-only\\)"), Duration.ofSeconds(1)), node.tail(30));
        assertFalse(node.awaitLine(Pattern.compile("(?i)telnet|remote shell|sshd"), Duration.ZERO));
    }

    @Test
    @Order(5)
    void logLevelsChangeWhileTheNodeRuns() throws Exception {
        Pattern debugLine = Pattern.compile("DEBUG ShellSocketServer - Shell: wamp:realms exit 0");
        shell("wamp:realms");
        assertFalse(node.awaitLine(debugLine, Duration.ofMillis(500)), "debug is off by default");

        Shell set = shell("log:level dev.switchboard.shell debug");
        assertEquals(0, set.exit(), set.toString());
        assertEquals("dev.switchboard.shell: debug (was inherited info)\n", set.out());
        assertTrue(node.awaitLine(Pattern.compile("INFO LogCommands - Log level of dev.switchboard.shell set to"
                + " debug \\(was inherited info\\) from the shell"), Duration.ofSeconds(5)), node.tail(10));
        assertFalse(set.out().contains("LogCommands"), "the node's log lines stay out of the command's output");

        shell("wamp:realms");
        assertTrue(node.awaitLine(debugLine, Duration.ofSeconds(5)), node.tail(10));
        Shell listed = shell("log:level");
        assertTrue(listed.out().contains("\ndev.switchboard.shell  debug  debug\n"), listed.toString());

        assertEquals(0, shell("log:level dev.switchboard.shell inherit").exit());
        Shell bad = shell("log:level dev.switchboard.shell loud");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().startsWith("unknown level 'loud'"), bad.toString());
    }

    @Test
    @Order(6)
    void theNodesLogIsRotatedBySizeWithWholeLines() throws IOException {
        Path log = NODE.resolve("log").resolve("node.log");
        Path first = log.resolveSibling("node.log.1");
        assertTrue(Files.exists(first), "the start-up alone is more than " + LOG_MAX_SIZE + " bytes");
        assertFalse(Files.exists(log.resolveSibling("node.log.3")), "two rotated files are kept");
        for (Path file : List.of(log, first)) {
            String text = Files.readString(file);
            assertTrue(text.length() <= LOG_MAX_SIZE, file + " has " + text.length() + " bytes");
            assertTrue(text.endsWith("\n"), file + " ends in a whole line");
            assertTrue(text.lines().findFirst().orElse("").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
                    + " (INFO|WARN|ERROR|DEBUG|TRACE) .*"), file + " starts with a whole line: " + text);
        }
        String recent = Files.readString(first) + Files.readString(log);
        assertTrue(recent.contains("Log level of dev.switchboard.shell set to inherit"),
                "the latest lines are in the newest files");
    }

    @Test
    @Order(7)
    void stopThroughTheShellThenThereIsNoNode() throws Exception {
        Shell stop = shell("stop 0");
        assertTrue(stop.exit() == 0 || stop.exit() == 1, "the node may close the connection as it stops: " + stop);
        assertTrue(node.awaitLine(Pattern.compile("Launcher - stopped"), Duration.ofSeconds(20)), node.tail(20));
        Shell none = shell("wamp:realms");
        assertEquals(3, none.exit(), none.toString());
        assertTrue(none.err().startsWith("switchboard: no node is running for " + NODE), none.err());
        assertFalse(Files.exists(NODE.resolve("run/shell.sock"), LinkOption.NOFOLLOW_LINKS), "the socket is gone");
    }

    // ---- helpers ----

    private record Shell(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** {@code bin/switchboard shell --cbdir NODE WORDS...}, bounded, with an empty SWITCHBOARD_OPTS. */
    private static Shell shell(String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RUNTIME.resolve("bin/switchboard").toString(), "shell",
                "--cbdir", NODE.toString()));
        command.addAll(List.of(words));
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE.toFile());
        builder.environment().remove("SWITCHBOARD_OPTS");
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(SHELL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("switchboard shell " + String.join(" ", words) + " did not end within "
                    + SHELL_TIMEOUT.toSeconds() + " s");
        }
        return new Shell(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void reset(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
