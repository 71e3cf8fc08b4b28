package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.tls.TlsSettings;
import dev.switchboard.tls.testing.TestPki;

/** RawSocket over TLS on the TCP listener ({@code rawsocket+tls://}) with an SSLSocket client. */
class TlsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** A plain RawSocket handshake and message: more than the 5 octets of a TLS record header, and not TLS. */
    private static final byte[] PLAIN_HELLO = plainHello();

    @TempDir
    Path tempDir;
    private TestPki pki;
    private final FakeRouter router = new FakeRouter();
    private final TestListeners.Settings settings = new TestListeners.Settings();
    private RawSocketListener listener;

    @BeforeEach
    void copyFixtures() {
        pki = TestPki.copyTo(tempDir.resolve("pki"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (listener != null) {
            listener.stop();
            assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, WAIT));
        }
        router.assertContractKept();
    }

    @Test
    void roundTripOverTlsReportsTheTlsListenerAddress() throws Exception {
        settings.tls = pem("none");
        start();

        try (TlsRawSocketClient client = TlsRawSocketClient.connect(settings.port, pki.clientContext())) {
            assertArrayEquals(new byte[] {0x7F, 0x71, 0, 0}, client.rawSocketHandshake()); // 64 KiB: L = 7
            client.sendMessage("1|over.tls");
            assertEquals("1|over.tls", client.readMessage());

            TransportDetails details = router.awaitSession(0, WAIT).peer.details();
            assertEquals("rawsocket", details.transport());
            assertEquals("rawsocket+tls://127.0.0.1:" + settings.port, details.listener());
            assertTrue(details.peerAddress().startsWith("tcp4:127.0.0.1:"), details.peerAddress());
            assertEquals(List.of("rawsocket+tls://127.0.0.1:" + settings.port), listener.addresses());
        }
        assertTrue(router.sessions.get(0).awaitClosed(WAIT));
    }

    @Test
    void pkcs12KeyStoreWorks() throws Exception {
        settings.tls = TlsSettings.of("RawSocket transport", "", "", pki.path(TestPki.SERVER_KEY_STORE), TestPki.PASSWORD,
                "", "");
        start();

        try (TlsRawSocketClient client = TlsRawSocketClient.connected(settings.port, pki.clientContext())) {
            client.sendMessage("1|p12");
            assertEquals("1|p12", client.readMessage());
        }
    }

    @Test
    void pkcs1KeyWorks() throws Exception {
        settings.tls = TlsSettings.of("RawSocket transport", pki.path(TestPki.SERVER_CERTIFICATE),
                pki.path(TestPki.SERVER_KEY_PKCS1), "", "", "", "");
        start();

        try (TlsRawSocketClient client = TlsRawSocketClient.connected(settings.port, pki.clientContext())) {
            client.sendMessage("1|pkcs1");
            assertEquals("1|pkcs1", client.readMessage());
        }
    }

    @Test
    void stoppingTheListenerClosesTlsConnectionsGracefully() throws Exception {
        settings.tls = pem("none");
        start();

        try (TlsRawSocketClient client = TlsRawSocketClient.connected(settings.port, pki.clientContext())) {
            FakeRouter.Session session = router.awaitSession(0, WAIT);
            listener.stop();

            assertEquals(-1, client.read(), "end of stream after close_notify");
            assertTrue(session.awaitClosed(WAIT));
            assertEquals(0, listener.connectionCount());
        }
        listener = null; // stopped
    }

    @Test
    void clientThatNeverStartsTlsIsClosedByTheHandshakeTimeout() throws Exception {
        settings.tls = pem("none");
        settings.handshakeTimeout = Duration.ofMillis(300);
        start();

        try (RawSocketTestClient silent = RawSocketTestClient.tcp(settings.port)) {
            assertEquals(0, silent.awaitClosed(WAIT));
        }
        assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, WAIT));
    }

    @Test
    void plainRawSocketClientOnTheTlsPortGetsNoHandshakeReply() throws Exception {
        settings.tls = pem("none");
        start();

        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.write(PLAIN_HELLO);
            assertThrows(IOException.class, () -> {
                byte[] reply = client.read(4);
                if (reply[0] != 0x7F) { // a TLS alert, not a RawSocket reply
                    throw new IOException("not a RawSocket reply");
                }
            });
        }
        assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, WAIT));
        assertTrue(router.sessions.isEmpty());
    }

    @Test
    void clientAuthNeedRejectsAClientWithoutACertificate() throws Exception {
        settings.tls = pem("need");
        start();

        assertThrows(IOException.class, () -> TlsRawSocketClient.connected(settings.port, pki.clientContext()).close());

        assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, WAIT));
        assertTrue(router.sessions.isEmpty());
    }

    @Test
    void clientAuthNeedRejectsACertificateFromAnUntrustedCa() throws Exception {
        settings.tls = pem("need");
        start();

        assertThrows(IOException.class, () -> TlsRawSocketClient.connected(settings.port,
                pki.clientContext(TestPki.STRANGER_KEY_STORE)).close());

        assertTrue(router.sessions.isEmpty());
    }

    @Test
    void clientAuthNeedAcceptsAClientWithATrustedCertificate() throws Exception {
        settings.tls = pem("need");
        start();

        try (TlsRawSocketClient client = TlsRawSocketClient.connected(settings.port,
                pki.clientContext(TestPki.CLIENT_KEY_STORE))) {
            client.sendMessage("1|known.client");
            assertEquals("1|known.client", client.readMessage());
            assertEquals("CN=test-client", ((java.security.cert.X509Certificate) client.socket().getSession()
                    .getLocalCertificates()[0]).getSubjectX500Principal().getName());
        }
    }

    @Test
    void tlsConnectionsEndingEveryWayLeaveNoConnectionAndNoBufferBehind() throws Exception {
        settings.tls = pem("need");
        ArrayByteBufferPool.Tracking buffers = new ArrayByteBufferPool.Tracking();
        listener = TestListeners.start(settings, router, List.of(new TextTestSerializer()), buffers);

        for (int i = 0; i < 20; i++) {
            try (TlsRawSocketClient client = TlsRawSocketClient.connected(settings.port,
                    pki.clientContext(TestPki.CLIENT_KEY_STORE))) {
                client.sendMessage("1|n" + i);
                assertEquals("1|n" + i, client.readMessage());
            }
            assertThrows(IOException.class, () -> TlsRawSocketClient.connected(settings.port, pki.clientContext()));
            try (RawSocketTestClient plain = RawSocketTestClient.tcp(settings.port)) {
                plain.write(PLAIN_HELLO);
            }
        }

        assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, Duration.ofSeconds(10)), listener.toString());
        listener.stop();
        listener = null; // stopped
        assertTrue(buffers.getLeaks().isEmpty(), () -> "buffers not released: " + buffers.dumpLeaks());
    }

    // ---- helpers ----

    private static byte[] plainHello() {
        byte[] frame = RawSocketTestClient.frame(0, "1|plain".getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(4 + frame.length).put(new byte[] {0x7F, (byte) 0xF1, 0, 0}).put(frame).array();
    }

    private void start() {
        listener = TestListeners.start(settings, router);
    }

    /** The RSA PEM pair; client certificates from the test client CA unless {@code clientAuth} is none. */
    private TlsSettings pem(String clientAuth) {
        return TlsSettings.of("RawSocket transport", pki.path(TestPki.SERVER_CERTIFICATE), pki.path(TestPki.SERVER_KEY),
                "", "", clientAuth.equals("none") ? "" : pki.path(TestPki.CLIENT_CA), clientAuth);
    }
}
