package dev.switchboard.itest.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Web Console's WAMP page (issue 7) in Debian's headless Chromium, driven by playwright-core from
 * {@code js/console-page.js}, against the assembled node started as a user would ({@code bin/switchboard start},
 * ports moved through SWITCHBOARD_OPTS, the console password set with {@code switchboard.console.password}): the
 * page lists the session a test client opened, and its Kill button ends that session: the client gets GOODBYE
 * {@code wamp.close.killed}.
 */
class WebConsolePageIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Inside the script, per wait (the page polls every second); the process as a whole gets SCRIPT_TIMEOUT. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(10);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER = "admin";

    private static final Path RUNTIME = path("switchboard.browser.runtime", "../../runtime");
    private static final Path WORK = path("switchboard.browser.work", "target/browser").resolveSibling("browser-console");
    private static final Path LOGS = path("switchboard.browser.logs", "target");
    private static final Path JS = path("switchboard.browser.js", "js");

    /** Not the loopback default 'switchboard': the test proves the setting reaches the console. */
    private static final String PASSWORD = "t-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

    private static BrowserNode node;

    @BeforeAll
    static void startNode() throws IOException {
        assertTrue(Files.isExecutable(BrowserScript.chromium()), BrowserScript.chromium() + " is missing: install"
                + " Debian's chromium (test.sh does, as root) or point -Dchromium.executable at a Chromium");
        Files.createDirectories(WORK.resolve("deploy"));
        node = BrowserNode.start(RUNTIME, WORK, WORK.resolve("deploy"), LOGS.resolve("node-console.log"),
                START_TIMEOUT, Map.of("switchboard.console.password", PASSWORD));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void thePageListsATestClientsSessionAndItsKillButtonDisconnectsIt() throws Exception {
        String console = "http://127.0.0.1:" + node.option("switchboard.console.port");
        awaitConsole(console + "/system/console/wamp");
        URI ws = URI.create("ws://127.0.0.1:" + node.option("switchboard.websocket.port") + "/ws");
        Path screenshot = LOGS.resolve("console-page-failure.png");
        Files.deleteIfExists(screenshot);

        try (MiniWamp client = MiniWamp.join(ws, "realm1");
                MiniWamp bystander = MiniWamp.join(ws, "realm1")) {
            long session = client.sessionId();

            BrowserScript run = BrowserScript.run(JS, LOGS, SCRIPT_TIMEOUT, "console-page.js",
                    console + "/system/console/wamp", USER, PASSWORD, Long.toString(session), screenshot.toString(),
                    Long.toString(PAGE_WAIT.toMillis()));

            String result = run.line("RESULT ");
            if (run.exitCode() != 0 || result == null) {
                fail("the console page check failed (exit " + run.exitCode() + "), screenshot " + screenshot + ":\n"
                        + String.join("\n", run.output()) + "\n" + node.tail(40));
            }
            JsonNode json = new ObjectMapper().readTree(result);
            JsonNode row = json.get("row");
            assertEquals(Long.toString(session), row.get(0).asText(), result);
            assertEquals("realm1", row.get(1).asText(), result);
            assertEquals("websocket", row.get(5).asText(), "the transport column: " + result);
            assertTrue(json.get("rowsBefore").asInt() >= 2, "both test sessions listed: " + result);
            assertEquals("Kill session " + session + "? It gets GOODBYE wamp.close.killed.",
                    json.get("dialogs").get(0).asText(), result);
            assertEquals("killed session " + session, json.get("killedStatus").asText(), result);

            String reason = awaitClose(client);
            assertEquals("wamp.close.killed", reason, "the killed client's GOODBYE");
            assertTrue(node.awaitLine(Pattern.compile("Session " + session + " killed from the Web Console by '"
                    + USER + "'"), Duration.ofSeconds(5)), node.tail(20));
            assertTrue(!bystander.closedByRouter().isDone(), "only the killed session left");
            assertTrue(((Number) bystander.call("wamp.session.count").get(0)).intValue() >= 1,
                    "the other session is still there");
        }
    }

    @Test
    void theConsoleTakesTheConfiguredPasswordOnly() throws Exception {
        String page = "http://127.0.0.1:" + node.option("switchboard.console.port") + "/system/console/wamp";
        awaitConsole(page);
        assertEquals(401, status(page, USER, "switchboard"), "the default password is replaced");
        assertEquals(401, status(page, null, null));
        assertEquals(200, status(page, USER, PASSWORD));
    }

    // ---- helpers ----

    private static String awaitClose(MiniWamp client) throws InterruptedException {
        try {
            return client.closedByRouter().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the killed client was not disconnected within 10 s\n" + node.tail(30));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** The console's HTTP service starts a moment after the node's ready line: wait until the page answers. */
    private static void awaitConsole(String page) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                int status = status(page, USER, PASSWORD);
                if (status == 200) {
                    return;
                }
                last = "status " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(page + " did not answer 200 within 15 s (" + last + ")\n" + node.tail(40));
    }

    private static int status(String url, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
