package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Static files beside the WebSocket endpoint on one port (webDirectory, webPath). */
class StaticFilesTest {

    private static final String SECRET = "the secret outside the web directory";

    @TempDir
    Path temp;

    private Path web;
    private TestListener server;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(temp.resolve("secret.txt"), SECRET);
        web = Files.createDirectories(temp.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!DOCTYPE html><title>demo</title>");
        Files.writeString(web.resolve("app.js"), "console.log('hi');");
        Files.writeString(web.resolve("style.css"), "body {}");
        Files.writeString(web.resolve("data.json"), "{}");
        Files.writeString(web.resolve("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.write(web.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(web.resolve("ws"), "a file that has the WebSocket path's name");
        Files.createDirectories(web.resolve("assets"));
        Files.writeString(web.resolve("assets/one.txt"), "one");
        Files.createDirectories(web.resolve("docs"));
        Files.writeString(web.resolve("docs/index.html"), "<p>docs</p>");
        Files.createDirectories(web.resolve(".git"));
        Files.writeString(web.resolve(".git/config"), "[core]");
        Files.writeString(web.resolve(".env"), "PASSWORD=x");
        Files.createDirectories(web.resolve(".well-known"));
        Files.writeString(web.resolve(".well-known/security.txt"), "Contact: x");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestListener start(String webPath) {
        server = TestListener.builder().webDirectory(web.toString()).webPath(webPath).start();
        return server;
    }

    private RawHttp.Response get(String rawPath, String... headers) throws IOException {
        return RawHttp.get(server.tcpAddress(), rawPath, headers);
    }

    @Test
    void theRootServesIndexHtmlAsHtml() throws IOException {
        start("/");
        RawHttp.Response response = get("/");

        assertEquals(200, response.status());
        assertTrue(response.header("Content-Type").startsWith("text/html"), response.headers().toString());
        assertEquals("<!DOCTYPE html><title>demo</title>", response.text());
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("", response.header("Server"), "no server version");
    }

    @ParameterizedTest
    @CsvSource({
            "/app.js, text/javascript",
            "/style.css, text/css",
            "/data.json, application/json",
            "/logo.svg, image/svg+xml",
            "/logo.png, image/png",
            "/index.html, text/html",
            "/assets/one.txt, text/plain"})
    void contentTypesFollowTheFileExtension(String path, String type) throws IOException {
        start("/");
        RawHttp.Response response = get(path);

        assertEquals(200, response.status(), path);
        assertTrue(response.header("Content-Type").startsWith(type), path + ": " + response.headers());
    }

    @Test
    void aWebSocketUpgradeAtThePathStillReachesWamp() throws IOException {
        start("/");
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json")) {
            assertEquals(101, client.status, "the upgrade wins over the file named 'ws'");
        }
        assertEquals(200, get("/").status(), "and the files are there beside it");
    }

    @Test
    void aDirectoryIsNeverListed() throws IOException {
        start("/");
        RawHttp.Response response = get("/assets/");

        assertEquals(403, response.status());
        assertFalse(response.text().contains("one.txt"), response.text());
    }

    @Test
    void aDirectoryWithAnIndexServesIt() throws IOException {
        start("/");
        assertEquals("<p>docs</p>", get("/docs/").text());
        RawHttp.Response noSlash = get("/docs");
        assertEquals(302, noSlash.status(), noSlash.headers().toString());
        assertTrue(noSlash.header("Location").endsWith("/docs/"), noSlash.headers().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/assets/../../secret.txt",
            "/assets/..%2f..%2fsecret.txt",
            "/assets/%2e%2e/%2e%2e/secret.txt",
            "//../secret.txt",
            "/..\\secret.txt",
            "/..%5csecret.txt",
            "/secret.txt",
            "/web/../secret.txt"})
    void nothingOutsideTheDirectoryIsServed(String path) throws IOException {
        start("/");
        RawHttp.Response response = get(path);

        assertNotEquals(200, response.status(), path);
        assertFalse(response.text().contains(SECRET), path);
    }

    @Test
    void aSymbolicLinkOutOfTheDirectoryIsNotFollowedButOneInsideIs() throws IOException {
        Files.createSymbolicLink(web.resolve("escape.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(web.resolve("escape-dir"), temp);
        Files.createSymbolicLink(web.resolve("inside.txt"), web.resolve("assets/one.txt"));
        start("/");

        assertEquals(404, get("/escape.txt").status());
        assertEquals(404, get("/escape-dir/secret.txt").status());
        assertEquals("one", get("/inside.txt").text());
    }

    @Test
    void theDirectoryItselfMayBeASymbolicLink() throws IOException {
        web = Files.createSymbolicLink(temp.resolve("web-link"), web);
        start("/");
        assertEquals(200, get("/app.js").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.env", "/.git/config", "/.git/", "/assets/.hidden", "/%2egit/config"})
    void dotfilesAreNotServed(String path) throws IOException {
        Files.writeString(web.resolve("assets/.hidden"), "hidden");
        start("/");
        assertEquals(404, get(path).status(), path);
    }

    @Test
    void wellKnownIsServed() throws IOException {
        start("/");
        assertEquals("Contact: x", get("/.well-known/security.txt").text());
    }

    @Test
    void headIsAnsweredAndOtherMethodsAreNot() throws IOException {
        start("/");
        RawHttp.Response head = RawHttp.request(server.tcpAddress(), "HEAD", "/app.js");
        assertEquals(200, head.status());
        assertEquals("18", head.header("Content-Length"));

        RawHttp.Response post = RawHttp.request(server.tcpAddress(), "POST", "/app.js", "Content-Length: 0");
        assertNotEquals(200, post.status());
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws IOException {
        start("/");
        String etag = get("/app.js").header("ETag");
        assertFalse(etag.isEmpty(), "an ETag");

        assertEquals(304, get("/app.js", "If-None-Match: " + etag).status());
    }

    @Test
    void aChangedFileIsServedFresh() throws Exception {
        start("/");
        assertEquals("console.log('hi');", get("/app.js").text());
        Files.writeString(web.resolve("app.js"), "console.log('changed');");
        long deadline = System.nanoTime() + RawWebSocketClient.TIMEOUT.toNanos();
        String body;
        do {
            Thread.sleep(100);
            body = get("/app.js").text();
        } while (!body.contains("changed") && System.nanoTime() < deadline);
        assertEquals("console.log('changed');", body);
    }

    @Test
    void aWebPathServesTheDirectoryUnderIt() throws IOException {
        start("/static/");

        assertEquals("console.log('hi');", get("/static/app.js").text());
        assertEquals("<!DOCTYPE html><title>demo</title>", get("/static/").text());
        assertEquals(404, get("/app.js").status(), "not outside the web path");
        assertEquals(404, get("/").status());
        assertFalse(get("/static/../secret.txt").text().contains(SECRET));
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json")) {
            assertEquals(101, client.status);
        }
    }

    @Test
    void theUnixDomainSocketServesTheFilesToo() throws IOException {
        Path socket = Path.of(System.getProperty("java.io.tmpdir"), "sb-static-" + ProcessHandle.current().pid()
                + ".sock");
        server = TestListener.builder().port(0).unixSocket(socket).webDirectory(web.toString()).start();

        assertEquals("console.log('hi');", RawHttp.get(server.unixAddress(), "/app.js").text());
    }

    @Test
    void withoutAWebDirectoryEverythingButTheWebSocketPathIs404() throws IOException {
        server = TestListener.builder().start();
        assertEquals(404, get("/").status());
        assertEquals(404, get("/index.html").status());
    }

    @Test
    void aMissingDirectoryFailsTheStartNamingItAndBindsNothing() {
        int port = TestListener.freePort();
        Path missing = temp.resolve("missing");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestListener.builder().port(port)
                .webDirectory(missing.toString()).start());

        assertEquals("WebSocket listener 'test': webDirectory '" + missing + "' cannot be served: no such directory",
                e.getMessage());
        assertThrows(ConnectException.class,
                () -> RawHttp.get(new InetSocketAddress("127.0.0.1", port), "/"));
    }

    @Test
    void aFileAsDirectoryFailsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestListener.builder()
                .webDirectory(web.resolve("app.js").toString()).start());
        assertTrue(e.getMessage().endsWith("cannot be served: not a directory"), e.getMessage());
    }

    @Test
    void bytesAreServedAsTheyAre() throws IOException {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Files.write(web.resolve("blob.bin"), binary);
        start("/");
        assertEquals(new String(binary, StandardCharsets.ISO_8859_1),
                new String(get("/blob.bin").body(), StandardCharsets.ISO_8859_1));
    }
}
