package dev.switchboard.transport.websocket;

import static dev.switchboard.transport.websocket.TestSerializer.goodbye;
import static dev.switchboard.transport.websocket.TestSerializer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.tls.TlsSettings;
import dev.switchboard.tls.testing.TestPki;
import dev.switchboard.transport.websocket.FakeRouter.FakeSession;

/** wss:// on the TCP listener, with java.net.http as the client; the Unix domain socket beside it stays plain. */
class TlsTest {

    @TempDir
    Path tempDir;
    private TestPki pki;
    private TestListener server;

    @BeforeEach
    void copyFixtures() {
        pki = TestPki.copyTo(tempDir.resolve("pki"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void wssRoundTripWithAClientTrustingTheTestCa() throws Exception {
        server = TestListener.builder().tls(pem("none")).start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        WebSocket webSocket = connect(pki.clientContext(), replies);
        webSocket.sendText(text("over tls"), true).get(5, TimeUnit.SECONDS);

        FakeSession session = server.router.nextSession();
        assertEquals(goodbye("over tls"), session.nextMessage());
        assertEquals(text("over tls"), replies.poll(5, TimeUnit.SECONDS));
        TransportDetails details = session.peer.details();
        assertEquals("websocket", details.transport());
        assertEquals("wss://127.0.0.1:" + server.listener.tcpPort() + "/ws", details.listener());
        assertTrue(details.peerAddress().startsWith("tcp4:127.0.0.1:"), details.peerAddress());
        assertEquals(List.of("wss://127.0.0.1:" + server.listener.tcpPort() + "/ws"), server.listener.addresses());
        webSocket.abort();
    }

    @Test
    void pkcs12KeyStoreServesWss() throws Exception {
        server = TestListener.builder().tls(TlsSettings.of("WebSocket transport", "", "",
                pki.path(TestPki.SERVER_KEY_STORE), TestPki.PASSWORD, "", "")).start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        connect(pki.clientContext(), replies).sendText(text("p12"), true).get(5, TimeUnit.SECONDS);

        assertEquals(text("p12"), replies.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void ecCertificateWithSec1KeyServesWss() throws Exception {
        server = TestListener.builder().tls(TlsSettings.of("WebSocket transport",
                pki.path(TestPki.SERVER_EC_CERTIFICATE), pki.path(TestPki.SERVER_EC_KEY_SEC1), "", "", "", "")).start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        connect(pki.clientContext(), replies).sendText(text("ec"), true).get(5, TimeUnit.SECONDS);

        assertEquals(text("ec"), replies.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void unixSocketBesideATlsListenerStaysPlain() throws Exception {
        Path socket = tempDir.resolve("ws.sock");
        server = TestListener.builder().unixSocket(socket).tls(pem("none")).start();

        assertEquals(List.of("wss://127.0.0.1:" + server.listener.tcpPort() + "/ws", "ws+unix:" + socket),
                server.listener.addresses());
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.unixAddress(), "/ws", "wamp.2.json")) {
            assertEquals(101, client.status);
            assertEquals("ws+unix:" + socket, server.router.nextSession().peer.details().listener());
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsNeverUpgraded() throws Exception {
        server = TestListener.builder().tls(pem("none")).start();

        String answer = plainUpgradeRequest(server.listener.tcpPort());

        assertFalse(answer.contains("HTTP/1.1 101"), answer);
        assertEquals(0, server.router.sessionCount());
    }

    @Test
    void clientAuthNeedRejectsAClientWithoutACertificate() throws Exception {
        server = TestListener.builder().tls(pem("need")).start();

        assertThrows(ExecutionException.class, () -> connect(pki.clientContext(), new LinkedBlockingQueue<>()));

        assertEquals(0, server.router.sessionCount());
    }

    @Test
    void clientAuthNeedRejectsACertificateFromAnUntrustedCa() throws Exception {
        server = TestListener.builder().tls(pem("need")).start();

        assertThrows(ExecutionException.class,
                () -> connect(pki.clientContext(TestPki.STRANGER_KEY_STORE), new LinkedBlockingQueue<>()));

        assertEquals(0, server.router.sessionCount());
    }

    @Test
    void clientAuthNeedAcceptsAClientWithATrustedCertificate() throws Exception {
        server = TestListener.builder().tls(pem("need")).start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        connect(pki.clientContext(TestPki.CLIENT_KEY_STORE), replies).sendText(text("known"), true)
                .get(5, TimeUnit.SECONDS);

        assertEquals(goodbye("known"), server.router.nextSession().nextMessage());
        assertEquals(text("known"), replies.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void clientAuthWantLetsAClientWithoutACertificateIn() throws Exception {
        server = TestListener.builder().tls(pem("want")).start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        connect(pki.clientContext(), replies).sendText(text("anonymous"), true).get(5, TimeUnit.SECONDS);

        assertEquals(text("anonymous"), replies.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void badKeyFailsStartWithTheListenerNameAndBindsNothing() throws Exception {
        int port = TestListener.freePort();
        TestListener.Builder builder = TestListener.builder().port(port).tls(TlsSettings.of("WebSocket transport",
                pki.path(TestPki.SERVER_CERTIFICATE), pki.path(TestPki.OTHER_KEY), "", "", "", ""));

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::start);

        assertEquals("WebSocket listener 'test': tlsKey '" + pki.path(TestPki.OTHER_KEY) + "' does not match the first "
                + "certificate in tlsCertificate '" + pki.path(TestPki.SERVER_CERTIFICATE) + "' (CN=localhost)",
                e.getMessage());
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    // ---- helpers ----

    /** The RSA PEM pair; client certificates from the test client CA unless {@code clientAuth} is none. */
    private TlsSettings pem(String clientAuth) {
        return TlsSettings.of("WebSocket transport", pki.path(TestPki.SERVER_CERTIFICATE), pki.path(TestPki.SERVER_KEY),
                "", "", clientAuth.equals("none") ? "" : pki.path(TestPki.CLIENT_CA), clientAuth);
    }

    /** A java.net.http WebSocket over TLS (hostname checked against the certificate's IP address SAN). */
    private WebSocket connect(SSLContext context, BlockingQueue<String> replies) throws Exception {
        return HttpClient.newBuilder().sslContext(context).build().newWebSocketBuilder()
                .subprotocols("wamp.2.json")
                .buildAsync(server.uri(), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        replies.add(data.toString());
                        return WebSocket.Listener.super.onText(webSocket, data, last);
                    }
                })
                .get(5, TimeUnit.SECONDS);
    }

    /** What a plain-text upgrade request gets on the port before the connection ends. */
    private static String plainUpgradeRequest(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: wamp.2.json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answer);
            } catch (SocketTimeoutException | java.net.SocketException endedOrReset) {
                // what came so far is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
