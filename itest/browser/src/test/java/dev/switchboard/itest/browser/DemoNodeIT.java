package dev.switchboard.itest.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
 * The demo against a started node: the node runs the TimeService and TickService bundles (hot-deployed from its
 * deploy directory, as a user would drop them in) and a WebSocket listener that also serves the node template's
 * web root ({@code webDirectory}), with WAMP at {@code /ws} on the same port, as the {@code web} transport of the
 * default node configuration does. Debian's Chromium, driven by playwright-core from {@code js/demo-page.js}, must
 * show a time and see the tick counter advance; then the components must follow their jars in the deploy
 * directory (update restarts, removal leaves, a new copy joins). One node for all, in this order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoNodeIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
    /** Inside the script, per wait; the process as a whole gets {@link #SCRIPT_TIMEOUT}. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(15);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(40);
    /** FileInstall polls every 500 ms; a bundle then starts within a second or two. */
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(10);
    private static final String PROCEDURE = "com.timeservice.now";
    private static final String TOPIC = "com.myapp.topic1";
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    private static final Path RUNTIME = path("switchboard.browser.runtime", "../../runtime");
    private static final Path WORK = path("switchboard.browser.work", "target/browser");
    private static final Path LOGS = path("switchboard.browser.logs", "target");
    private static final Path BUNDLES = path("switchboard.browser.bundles", "target/bundles");
    private static final Path JS = path("switchboard.browser.js", "js");

    private static BrowserNode node;
    private static int webPort;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startNode() throws IOException {
        Path webRoot = WORK.resolve("web");
        Path deploy = WORK.resolve("deploy");
        reset(WORK);
        Files.createDirectories(deploy);
        // What init does for a node directory: copy the template's web root (with the AutobahnJS the build put there)
        copyTree(RUNTIME.resolve("templates/default/web"), webRoot);
        assertTrue(Files.isRegularFile(webRoot.resolve("autobahn/autobahn.min.js")),
                "AutobahnJS is missing from the template: build runtime/frontend first");

        for (String bundle : List.of("switchboard-demo-timeservice", "switchboard-demo-tickservice",
                "switchboard-client")) {
            if (bundle.equals("switchboard-client") && BrowserNode.featuresInstall(RUNTIME, bundle)) {
                continue; // the node has the client API already; a second copy would not install
            }
            Files.copy(BUNDLES.resolve(bundle + ".jar"), deploy.resolve(bundle + ".jar"));
        }
        webPort = BrowserNode.freePort();
        Files.writeString(deploy.resolve("dev.switchboard.transport.websocket-web.cfg"), String.join("\n",
                "# A 'web' transport: static files and WAMP over WebSocket on one port",
                "name=web",
                "port=" + webPort,
                "path=/ws",
                "webDirectory=" + webRoot,
                "webPath=/",
                ""), StandardCharsets.UTF_8);

        node = BrowserNode.start(RUNTIME, WORK, deploy, LOGS.resolve("node-browser.log"), START_TIMEOUT);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void theWebListenerServesThePageAndItsScriptsWithTheirTypes() {
        HttpResponse<String> page = awaitPage("/");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                page.headers().toString());
        assertTrue(page.body().contains("autobahn/autobahn.min.js"), "the page loads AutobahnJS from this server");

        HttpResponse<String> autobahn = get("/autobahn/autobahn.min.js");
        assertEquals(200, autobahn.statusCode());
        assertTrue(autobahn.headers().firstValue("Content-Type").orElse("").contains("javascript"),
                autobahn.headers().toString());
        assertEquals(404, get("/no-such-file.html").statusCode());
        assertEquals(403, get("/autobahn/").statusCode(), "no directory listing");
    }

    @Test
    @Order(2)
    void thePageShowsATimeAndTheTickCounterAdvances() throws Exception {
        Path chromium = Path.of(System.getProperty("switchboard.browser.chromium", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), chromium + " is missing: install Debian's chromium (test.sh does, "
                + "as root) or point -Dchromium.executable at a Chromium");
        awaitPage("/");
        Path screenshot = LOGS.resolve("demo-page-failure.png");
        Files.deleteIfExists(screenshot);
        String url = "http://127.0.0.1:" + webPort + "/";

        ScriptRun run = runScript("demo-page.js", url, screenshot.toString(), Long.toString(PAGE_WAIT.toMillis()));

        String result = run.line("RESULT ");
        if (run.exitCode != 0 || result == null) {
            fail("the demo page check failed (exit " + run.exitCode + "), screenshot " + screenshot + ":\n"
                    + String.join("\n", run.output) + "\n" + node.tail(40));
        }
        JsonNode json = new ObjectMapper().readTree(result);
        assertTrue(Pattern.matches(ISO_UTC, json.get("time").asText()), result);
        assertTrue(json.get("ticks").get(1).asLong() > json.get("ticks").get(0).asLong(), result);
        assertTrue(json.get("status").asText().startsWith("connected"), result);
    }

    @Test
    @Order(3)
    void theComponentsFollowTheirJarsInTheDeployDirectory() throws Exception {
        Path deploy = WORK.resolve("deploy");
        try (MiniWamp wamp = MiniWamp.join(URI.create("ws://127.0.0.1:" + webPort + "/ws"), "realm1")) {
            long registration = awaitRegistration(wamp, null);
            BlockingQueue<Long> ticks = new LinkedBlockingQueue<>();
            wamp.subscribe(TOPIC, args -> ticks.add(((Number) args.get(0)).longValue()));
            assertTrue(nextTick(ticks) >= 0);

            // An updated jar restarts the component: it leaves, and the new instance registers anew
            replace("switchboard-demo-timeservice.jar", deploy);
            long restarted = awaitRegistration(wamp, registration);
            assertNotEquals(registration, restarted);
            assertTrue(Pattern.matches(ISO_UTC, (String) wamp.call(PROCEDURE).get(0)));

            // A removed jar leaves: no more ticks
            Files.delete(deploy.resolve("switchboard-demo-tickservice.jar"));
            awaitSilence(ticks);

            // A jar dropped in joins: ticks again, from a new counter
            replace("switchboard-demo-tickservice.jar", deploy);
            ticks.clear();
            assertTrue(nextTick(ticks) >= 0);
        }
    }

    // ---- helpers ----

    /** Waits until {@value #PROCEDURE} is registered, by a registration other than {@code previous}. */
    private static long awaitRegistration(MiniWamp wamp, Long previous) {
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        Object id = null;
        while (System.nanoTime() < deadline) {
            id = wamp.call("wamp.registration.lookup", PROCEDURE).get(0);
            if (id != null && (previous == null || ((Number) id).longValue() != previous)) {
                return ((Number) id).longValue();
            }
            sleep(100);
        }
        throw new AssertionError(PROCEDURE + " not registered anew within " + DEPLOY_TIMEOUT.toSeconds()
                + " s (last registration " + id + ")\n" + node.tail(30));
    }

    private static long nextTick(BlockingQueue<Long> ticks) throws InterruptedException {
        Long tick = ticks.poll(DEPLOY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (tick == null) {
            throw new AssertionError("no tick on " + TOPIC + " within " + DEPLOY_TIMEOUT.toSeconds() + " s\n"
                    + node.tail(30));
        }
        return tick;
    }

    /** Waits until no tick came for two intervals in a row (the TickService left). */
    private static void awaitSilence(BlockingQueue<Long> ticks) throws InterruptedException {
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ticks.clear();
            if (ticks.poll(2100, TimeUnit.MILLISECONDS) == null) {
                return;
            }
        }
        throw new AssertionError("ticks go on " + DEPLOY_TIMEOUT.toSeconds() + " s after the jar was removed\n"
                + node.tail(30));
    }

    /** Copies a jar under a temporary name and moves it into place, so FileInstall never reads half a jar. */
    private static void replace(String jar, Path deploy) throws IOException {
        Path target = deploy.resolve(jar);
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(BUNDLES.resolve(jar), temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
    }

    /** GETs {@code path} until it answers 200, bounded: the listener comes up after the node's ready line. */
    private static HttpResponse<String> awaitPage(String path) {
        long deadline = System.nanoTime() + HTTP_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response;
                }
                last = "status " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(200);
        }
        throw new AssertionError("GET " + path + " on port " + webPort + " did not answer 200 within "
                + HTTP_TIMEOUT.toSeconds() + " s (" + last + ")\n" + node.tail(40));
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
                .timeout(Duration.ofSeconds(5)).build();
    }

    private record ScriptRun(int exitCode, List<String> output) {
        /** The rest of the first line starting with {@code prefix}, or {@code null}. */
        String line(String prefix) {
            return output.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElse(null);
        }
    }

    /** Runs a script of js/ with Node.js, bounded; it and its browser are killed if it overruns. */
    private static ScriptRun runScript(String script, String... args) throws IOException, InterruptedException {
        Path log = LOGS.resolve("js-" + script.replace(".js", "") + ".log");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of(System.getProperty("switchboard.browser.node", "node"), script), Stream.of(args)).toList())
                .directory(JS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHROMIUM", System.getProperty("switchboard.browser.chromium", "/usr/bin/chromium"));
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(script + " did not finish within " + SCRIPT_TIMEOUT.toSeconds() + " s; see " + log);
            }
            return new ScriptRun(process.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // Chromium, if the script left it
            process.destroyForcibly();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
