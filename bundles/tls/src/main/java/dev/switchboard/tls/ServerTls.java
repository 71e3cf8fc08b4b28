package dev.switchboard.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import dev.switchboard.tls.TlsSettings.ClientAuth;

/**
 * A listener's TLS server side, loaded once at start from the files {@link TlsSettings} names: the private key and
 * certificate chain (PEM pair or PKCS#12), and for client certificates the trusted CAs. Every check that can fail
 * fails here, with a {@link TlsException} naming the property and path, so that a listener with a bad key never
 * binds its port. Immutable; the files are not read again (restart the listener to pick up a renewed certificate).
 *
 * <p>Only the JDK reads keys and certificates: {@code CertificateFactory}, {@code KeyFactory} with PKCS#8, and the
 * PKCS#12 {@code KeyStore}; see {@link PemKeys} for the PEM key formats.
 */
public final class ServerTls {

    private static final String KEY_STORE_TYPE = "PKCS12";

    private final TlsSettings settings;
    private final SSLContext sslContext;
    private final X509Certificate certificate;
    private final int trustedClientCas;

    private ServerTls(TlsSettings settings, SSLContext sslContext, X509Certificate certificate, int trustedClientCas) {
        this.settings = settings;
        this.sslContext = sslContext;
        this.certificate = certificate;
        this.trustedClientCas = trustedClientCas;
    }

    /**
     * Reads and checks the files: they exist and parse, the PKCS#12 password opens the store, the private key
     * belongs to the (first) certificate, the client CA file holds certificates.
     *
     * @throws TlsException naming the property, the path as configured and the problem
     * @throws IllegalArgumentException when {@code settings} are {@link TlsSettings#DISABLED}
     */
    public static ServerTls load(TlsSettings settings) throws TlsException {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("TLS is not configured: " + settings);
        }
        KeyMaterial keys = settings.usesKeyStore() ? KeyMaterial.fromKeyStore(settings) : KeyMaterial.fromPem(settings);
        List<X509Certificate> clientCas = settings.clientAuth() == ClientAuth.NONE
                ? List.of()
                : PemKeys.certificates(new TlsFile(TlsSettings.CLIENT_CA, settings.clientCa()));
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys.store(), keys.password());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), clientCas.isEmpty() ? null : trustManagers(clientCas), null);
            return new ServerTls(settings, context, keys.certificate(), clientCas.size());
        } catch (GeneralSecurityException e) {
            throw new TlsException("TLS cannot be set up with " + keys.source() + ": " + TlsFile.describe(e), e);
        } finally {
            Arrays.fill(keys.password(), '\0');
        }
    }

    /** For servers outside Jetty, and for tests. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /**
     * A new factory for one Jetty connector ({@code SslConnectionFactory}): this context, client certificates as
     * configured, no renegotiation (TLS 1.3 has none; before, it only served attacks on servers like this).
     */
    public SslContextFactory.Server newSslContextFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(sslContext);
        factory.setNeedClientAuth(settings.clientAuth() == ClientAuth.NEED);
        factory.setWantClientAuth(settings.clientAuth() == ClientAuth.WANT);
        factory.setRenegotiationAllowed(false);
        factory.setEndpointIdentificationAlgorithm(null); // a client's certificate names no host to check
        return factory;
    }

    public TlsSettings settings() {
        return settings;
    }

    /** The listener's own certificate: the first of the chain. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Whether clients will accept the certificate's dates at {@code now}, as far as this side can tell. */
    public boolean certificateValidAt(Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }

    /**
     * For the listener's start-up log line, without secrets: {@code certificate 'CN=localhost' (RSA, valid
     * 2000-01-01T00:00:00Z to 2125-01-01T00:00:00Z) from tlsCertificate 'run/cert.pem'; client certificates:
     * need, from 1 CA in tlsClientCa 'run/clients.pem'}.
     */
    public String describe() {
        String source = settings.usesKeyStore()
                ? TlsSettings.KEY_STORE + " '" + settings.keyStore() + "'"
                : TlsSettings.CERTIFICATE + " '" + settings.certificate() + "'";
        String clients = settings.clientAuth() == ClientAuth.NONE
                ? "none"
                : settings.clientAuth() + ", from " + trustedClientCas + (trustedClientCas == 1 ? " CA" : " CAs")
                        + " in " + TlsSettings.CLIENT_CA + " '" + settings.clientCa() + "'";
        return "certificate '" + certificate.getSubjectX500Principal().getName() + "' ("
                + certificate.getPublicKey().getAlgorithm() + ", valid " + certificate.getNotBefore().toInstant()
                + " to " + certificate.getNotAfter().toInstant() + ") from " + source + "; client certificates: "
                + clients;
    }

    @Override
    public String toString() {
        return "ServerTls[" + describe() + "]";
    }

    private static TrustManager[] trustManagers(List<X509Certificate> cas) throws GeneralSecurityException {
        KeyStore trusted = emptyKeyStore();
        for (int i = 0; i < cas.size(); i++) {
            trusted.setCertificateEntry("client-ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KEY_STORE_TYPE);
        try {
            store.load(null, null);
        } catch (IOException e) { // never for an empty store
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /**
     * A key store holding exactly one private key and its chain, and the password that unlocks the key.
     *
     * @param source the property and path the key came from, for messages
     */
    private record KeyMaterial(KeyStore store, char[] password, X509Certificate certificate, TlsFile source) {

        static KeyMaterial fromPem(TlsSettings settings) throws TlsException {
            TlsFile certificateFile = new TlsFile(TlsSettings.CERTIFICATE, settings.certificate());
            TlsFile keyFile = new TlsFile(TlsSettings.KEY, settings.key());
            List<X509Certificate> chain = PemKeys.certificates(certificateFile);
            X509Certificate leaf = chain.get(0);
            PrivateKey key = PemKeys.privateKey(keyFile, leaf.getPublicKey().getAlgorithm());
            if (!PemKeys.matches(key, leaf.getPublicKey())) {
                throw keyFile.problem("does not match the first certificate in " + certificateFile + " ("
                        + leaf.getSubjectX500Principal().getName() + ")");
            }
            // The store exists only in memory, for the KeyManagerFactory: a random password protects nothing
            // but satisfies the API.
            char[] password = randomPassword();
            try {
                KeyStore store = emptyKeyStore();
                store.setKeyEntry("tls", key, password, chain.toArray(Certificate[]::new));
                return new KeyMaterial(store, password, leaf, keyFile);
            } catch (GeneralSecurityException e) {
                throw keyFile.problem("cannot be used with " + certificateFile, e);
            }
        }

        static KeyMaterial fromKeyStore(TlsSettings settings) throws TlsException {
            TlsFile file = new TlsFile(TlsSettings.KEY_STORE, settings.keyStore());
            char[] password = settings.keyStorePassword().toCharArray();
            KeyStore store = open(file, password);
            try {
                List<String> keyAliases = Collections.list(store.aliases()).stream()
                        .filter(alias -> isKeyEntry(store, alias))
                        .sorted()
                        .toList();
                if (keyAliases.size() != 1) {
                    throw file.problem(keyAliases.isEmpty()
                            ? "holds no private key"
                            : "holds " + keyAliases.size() + " private keys " + keyAliases + "; keep one");
                }
                String alias = keyAliases.get(0);
                Key key = recoverKey(file, store, alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0
                        || !(chain[0] instanceof X509Certificate leaf)) {
                    throw file.problem("holds no private key with an X.509 certificate chain");
                }
                if (!PemKeys.matches(privateKey, leaf.getPublicKey())) {
                    throw file.problem("holds a private key that does not match its certificate ("
                            + leaf.getSubjectX500Principal().getName() + ")");
                }
                return new KeyMaterial(store, password, leaf, file);
            } catch (GeneralSecurityException e) {
                throw file.problem("cannot be used", e);
            }
        }

        /** PKCS#12 protects the store and, normally with the same password, the key. */
        private static KeyStore open(TlsFile file, char[] password) throws TlsException {
            byte[] bytes = file.read();
            try {
                KeyStore store = KeyStore.getInstance(KEY_STORE_TYPE);
                store.load(new ByteArrayInputStream(bytes), password);
                return store;
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) { // the JDK's way of saying "wrong password"
                    throw file.problem("cannot be opened with " + TlsSettings.KEY_STORE_PASSWORD + ": wrong password");
                }
                throw file.problem("is not a PKCS#12 key store", e);
            } catch (GeneralSecurityException e) {
                throw file.problem("cannot be opened", e);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }

        private static Key recoverKey(TlsFile file, KeyStore store, String alias, char[] password)
                throws TlsException, GeneralSecurityException {
            try {
                return store.getKey(alias, password);
            } catch (UnrecoverableKeyException e) {
                throw file.problem("holds a private key that " + TlsSettings.KEY_STORE_PASSWORD + " does not unlock "
                        + "(a key password other than the store's is not supported)");
            }
        }

        private static boolean isKeyEntry(KeyStore store, String alias) {
            try {
                return store.isKeyEntry(alias);
            } catch (GeneralSecurityException e) { // only when not loaded
                return false;
            }
        }

        private static char[] randomPassword() {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            return Base64.getEncoder().encodeToString(random).toCharArray();
        }
    }
}
