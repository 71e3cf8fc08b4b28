package dev.switchboard.tls.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TEST-ONLY keys and certificates of {@code src/test/resources/dev/switchboard/tls/testing} (see the README
 * there), copied into a directory so that settings can name them by path, and client SSL contexts that trust the
 * test server CA. Shared with the transports' tests through this module's test jar.
 */
public final class TestPki {

    /** Of the PKCS#12 stores and the encrypted key. */
    public static final String PASSWORD = "test-password";

    /** Server CA: what clients trust. */
    public static final String CA = "ca.pem";
    /** RSA server certificate for localhost, 127.0.0.1 and ::1, followed by the CA: a chain. */
    public static final String SERVER_CERTIFICATE = "server.pem";
    /** Its key, PKCS#8. */
    public static final String SERVER_KEY = "server-key.pem";
    /** The same key, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
    public static final String SERVER_KEY_PKCS1 = "server-key-rsa.pem";
    /** The same key, encrypted PKCS#8. */
    public static final String SERVER_KEY_ENCRYPTED = "server-key-encrypted.pem";
    /** The same key, certificate and CA, PKCS#12 with {@link #PASSWORD}. */
    public static final String SERVER_KEY_STORE = "server.p12";
    /** P-256 server certificate for localhost, 127.0.0.1 and ::1. */
    public static final String SERVER_EC_CERTIFICATE = "server-ec.pem";
    /** Its key, SEC1 ({@code BEGIN EC PRIVATE KEY}) after an {@code EC PARAMETERS} block. */
    public static final String SERVER_EC_KEY_SEC1 = "server-ec-key.pem";
    /** The same key, PKCS#8. */
    public static final String SERVER_EC_KEY = "server-ec-key-pkcs8.pem";
    /** An RSA key of no certificate here. */
    public static final String OTHER_KEY = "other-key.pem";
    /** The CA that signed {@link #CLIENT_KEY_STORE}: what a listener asking for client certificates trusts. */
    public static final String CLIENT_CA = "client-ca.pem";
    /** A client key and certificate signed by {@link #CLIENT_CA}, PKCS#12. */
    public static final String CLIENT_KEY_STORE = "client.p12";
    /** A client key and certificate signed by a CA nobody trusts, PKCS#12. */
    public static final String STRANGER_KEY_STORE = "stranger.p12";

    private static final List<String> FILES = List.of(CA, SERVER_CERTIFICATE, SERVER_KEY, SERVER_KEY_PKCS1,
            SERVER_KEY_ENCRYPTED, SERVER_KEY_STORE, SERVER_EC_CERTIFICATE, SERVER_EC_KEY_SEC1, SERVER_EC_KEY, OTHER_KEY,
            CLIENT_CA, CLIENT_KEY_STORE, STRANGER_KEY_STORE);

    private final Path directory;

    private TestPki(Path directory) {
        this.directory = directory;
    }

    /** Copies every file into {@code directory} (a test's temporary directory). */
    public static TestPki copyTo(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String file : FILES) {
                try (InputStream in = TestPki.class.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException("test resource missing: " + file);
                    }
                    Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestPki(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Absolute path of one of the files, as a configuration value. */
    public String path(String file) {
        return directory.resolve(file).toAbsolutePath().toString();
    }

    /** A client context that trusts the test server CA and has no certificate of its own. */
    public SSLContext clientContext() {
        return clientContext(null);
    }

    /**
     * A client context that trusts the test server CA and presents the certificate in {@code keyStore}
     * ({@link #CLIENT_KEY_STORE} or {@link #STRANGER_KEY_STORE}); {@code null} for none.
     */
    public SSLContext clientContext(String keyStore) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(directory.resolve(CA))) {
                int i = 0;
                for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("ca-" + i++, ca);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(directory.resolve(keyStore))) {
                    store.load(in, PASSWORD.toCharArray());
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
