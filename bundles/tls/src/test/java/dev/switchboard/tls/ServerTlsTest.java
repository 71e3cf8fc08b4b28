package dev.switchboard.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.tls.testing.TestPki;

class ServerTlsTest {

    @TempDir
    Path temp;
    private TestPki pki;

    @BeforeEach
    void copyFixtures() {
        pki = TestPki.copyTo(temp);
    }

    @Test
    void pemPairServesItsChainToAClientTrustingTheCa() throws Exception {
        ServerTls tls = ServerTls.load(pem(TestPki.SERVER_CERTIFICATE, TestPki.SERVER_KEY));

        assertEquals("CN=localhost", handshake(tls));
        assertTrue(tls.certificateValidAt(Instant.now()));
        assertFalse(tls.certificateValidAt(Instant.parse("2125-01-02T00:00:00Z")));
    }

    @Test
    void pkcs1RsaKeyWorks() throws Exception {
        assertEquals("CN=localhost", handshake(ServerTls.load(pem(TestPki.SERVER_CERTIFICATE, TestPki.SERVER_KEY_PKCS1))));
    }

    @Test
    void ecCertificateWithSec1KeyWorks() throws Exception {
        ServerTls tls = ServerTls.load(pem(TestPki.SERVER_EC_CERTIFICATE, TestPki.SERVER_EC_KEY_SEC1));

        assertEquals("CN=localhost", handshake(tls));
        assertEquals("EC", tls.certificate().getPublicKey().getAlgorithm());
    }

    @Test
    void ecCertificateWithPkcs8KeyWorks() throws Exception {
        assertEquals("CN=localhost", handshake(ServerTls.load(pem(TestPki.SERVER_EC_CERTIFICATE, TestPki.SERVER_EC_KEY))));
    }

    @Test
    void pkcs12StoreWorks() throws Exception {
        assertEquals("CN=localhost", handshake(ServerTls.load(keyStore(TestPki.SERVER_KEY_STORE, TestPki.PASSWORD))));
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() throws Exception {
        Path workingDirectory = Path.of("").toAbsolutePath();
        String certificate = workingDirectory.relativize(Path.of(pki.path(TestPki.SERVER_CERTIFICATE))).toString();
        String key = workingDirectory.relativize(Path.of(pki.path(TestPki.SERVER_KEY))).toString();

        ServerTls tls = ServerTls.load(TlsSettings.of("Test", certificate, key, "", "", "", ""));

        assertTrue(tls.describe().contains("from tlsCertificate '" + certificate + "'"), tls.describe());
    }

    @Test
    void describeNamesCertificateSourceAndClientAuthButNoSecret() throws Exception {
        ServerTls tls = ServerTls.load(TlsSettings.of("Test", "", "", pki.path(TestPki.SERVER_KEY_STORE),
                TestPki.PASSWORD, pki.path(TestPki.CLIENT_CA), "need"));

        String text = tls.describe();
        assertTrue(text.startsWith("certificate 'CN=localhost' (RSA, valid 2000-01-01T00:00:00Z to "
                + "2125-01-01T00:00:00Z) from tlsKeyStore '" + pki.path(TestPki.SERVER_KEY_STORE) + "'"), text);
        assertTrue(text.endsWith("client certificates: need, from 1 CA in tlsClientCa '" + pki.path(TestPki.CLIENT_CA)
                + "'"), text);
        assertFalse(text.contains(TestPki.PASSWORD), text);
    }

    @Test
    void jettyFactoryCarriesClientAuth() throws Exception {
        TlsSettings need = TlsSettings.of("Test", pki.path(TestPki.SERVER_CERTIFICATE), pki.path(TestPki.SERVER_KEY),
                "", "", pki.path(TestPki.CLIENT_CA), "need");
        TlsSettings want = TlsSettings.of("Test", pki.path(TestPki.SERVER_CERTIFICATE), pki.path(TestPki.SERVER_KEY),
                "", "", pki.path(TestPki.CLIENT_CA), "want");

        SslContextFactory.Server needing = ServerTls.load(need).newSslContextFactory();
        SslContextFactory.Server wanting = ServerTls.load(want).newSslContextFactory();

        assertTrue(needing.getNeedClientAuth());
        assertFalse(needing.getWantClientAuth());
        assertTrue(wanting.getWantClientAuth());
        assertFalse(wanting.getNeedClientAuth());
        assertFalse(needing.isRenegotiationAllowed());
    }

    // ---- failures: each names the property and the path as configured ----

    @Test
    void missingKeyFileNamesPropertyPathAndException() {
        String missing = temp.resolve("run/key.pem").toString();

        assertFails("tlsKey '" + missing + "' cannot be read: NoSuchFileException",
                TlsSettings.of("Test", pki.path(TestPki.SERVER_CERTIFICATE), missing, "", "", "", ""));
    }

    @Test
    void missingRelativeCertificateIsReportedAsConfigured() {
        assertFails("tlsCertificate 'run/cert.pem' cannot be read: NoSuchFileException",
                TlsSettings.of("Test", "run/cert.pem", pki.path(TestPki.SERVER_KEY), "", "", "", ""));
    }

    @Test
    void directoryInsteadOfAFileCannotBeRead() {
        TlsException e = assertThrows(TlsException.class, () -> ServerTls.load(
                TlsSettings.of("Test", pki.path(TestPki.SERVER_CERTIFICATE), temp.toString(), "", "", "", "")));

        assertTrue(e.getMessage().startsWith("tlsKey '" + temp + "' cannot be read: IOException"), e.getMessage());
    }

    @Test
    void unreadableFileIsReported() throws Exception {
        Path key = Path.of(pki.path(TestPki.SERVER_KEY));
        assumeTrue(key.toFile().setReadable(false) && !Files.isReadable(key), "running as root: nothing is unreadable");
        assertFails("tlsKey '" + key + "' cannot be read: AccessDeniedException",
                pem(TestPki.SERVER_CERTIFICATE, TestPki.SERVER_KEY));
    }

    @Test
    void keyOfAnotherCertificateIsRejected() {
        assertFails("tlsKey '" + pki.path(TestPki.OTHER_KEY) + "' does not match the first certificate in tlsCertificate '"
                + pki.path(TestPki.SERVER_CERTIFICATE) + "' (CN=localhost)", pem(TestPki.SERVER_CERTIFICATE, TestPki.OTHER_KEY));
    }

    @Test
    void keyOfAnotherAlgorithmIsRejected() {
        TlsException e = assertThrows(TlsException.class,
                () -> ServerTls.load(pem(TestPki.SERVER_CERTIFICATE, TestPki.SERVER_EC_KEY)));

        assertTrue(e.getMessage().startsWith("tlsKey '" + pki.path(TestPki.SERVER_EC_KEY)
                + "' cannot be read as a private key of type RSA (the certificate's)"), e.getMessage());
        assertFails("tlsKey '" + pki.path(TestPki.SERVER_EC_KEY_SEC1) + "' does not match the first certificate in "
                + "tlsCertificate '" + pki.path(TestPki.SERVER_CERTIFICATE) + "' (CN=localhost)",
                pem(TestPki.SERVER_CERTIFICATE, TestPki.SERVER_EC_KEY_SEC1));
    }

    @Test
    void encryptedKeyIsRefusedSayingSo() {
        TlsException e = assertThrows(TlsException.class,
                () -> ServerTls.load(pem(TestPki.SERVER_CERTIFICATE, TestPki.SERVER_KEY_ENCRYPTED)));

        assertTrue(e.getMessage().startsWith("tlsKey '" + pki.path(TestPki.SERVER_KEY_ENCRYPTED)
                + "' holds an encrypted private key, which is not supported"), e.getMessage());
    }

    @Test
    void swappedCertificateAndKeyFilesAreReported() {
        assertFails("tlsCertificate '" + pki.path(TestPki.SERVER_KEY)
                + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)", pem(TestPki.SERVER_KEY, TestPki.SERVER_KEY));
        TlsException e = assertThrows(TlsException.class,
                () -> ServerTls.load(pem(TestPki.SERVER_CERTIFICATE, TestPki.SERVER_CERTIFICATE)));
        assertTrue(e.getMessage().startsWith("tlsKey '" + pki.path(TestPki.SERVER_CERTIFICATE) + "' holds no PEM private key"),
                e.getMessage());
    }

    @Test
    void wrongKeyStorePasswordIsReportedWithoutShowingIt() {
        TlsException e = assertThrows(TlsException.class,
                () -> ServerTls.load(keyStore(TestPki.SERVER_KEY_STORE, "not-the-password")));

        assertEquals("tlsKeyStore '" + pki.path(TestPki.SERVER_KEY_STORE)
                + "' cannot be opened with tlsKeyStorePassword: wrong password", e.getMessage());
    }

    @Test
    void pemFileAsKeyStoreIsNotAPkcs12Store() {
        TlsException e = assertThrows(TlsException.class,
                () -> ServerTls.load(keyStore(TestPki.SERVER_KEY, TestPki.PASSWORD)));

        assertTrue(e.getMessage().startsWith("tlsKeyStore '" + pki.path(TestPki.SERVER_KEY)
                + "' is not a PKCS#12 key store"), e.getMessage());
        assertFalse(e.getMessage().contains(TestPki.PASSWORD), e.getMessage());
    }

    @Test
    void missingClientCaIsReported() {
        String missing = temp.resolve("clients.pem").toString();

        assertFails("tlsClientCa '" + missing + "' cannot be read: NoSuchFileException",
                TlsSettings.of("Test", pki.path(TestPki.SERVER_CERTIFICATE), pki.path(TestPki.SERVER_KEY), "", "",
                        missing, "need"));
    }

    @Test
    void disabledSettingsCannotBeLoaded() {
        assertThrows(IllegalArgumentException.class, () -> ServerTls.load(TlsSettings.DISABLED));
    }

    // ---- helpers ----

    private TlsSettings pem(String certificate, String key) {
        return TlsSettings.of("Test", pki.path(certificate), pki.path(key), "", "", "", "");
    }

    private TlsSettings keyStore(String store, String password) {
        return TlsSettings.of("Test", "", "", pki.path(store), password, "", "");
    }

    private static void assertFails(String expectedMessage, TlsSettings settings) {
        TlsException e = assertThrows(TlsException.class, () -> ServerTls.load(settings));
        assertEquals(expectedMessage, e.getMessage());
    }

    /** A TLS handshake with a client trusting the test CA; returns the subject of the certificate the client saw. */
    private String handshake(ServerTls tls) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) tls.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.getOutputStream().write(42);
                    socket.getInputStream().read(); // until the client closes
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) pki.clientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.setSoTimeout(5000);
                assertEquals(42, client.getInputStream().read());
                String subject = ((X509Certificate) client.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
                client.close();
                accepted.get(5, TimeUnit.SECONDS);
                return subject;
            }
        }
    }
}
