package dev.switchboard.tls;

import java.util.Locale;
import java.util.Objects;

/**
 * The TLS part of a listener's configuration, validated and immutable; the same six properties on every transport.
 * Either a PEM pair ({@value #CERTIFICATE} + {@value #KEY}) or a PKCS#12 store ({@value #KEY_STORE} +
 * {@value #KEY_STORE_PASSWORD}); all empty means no TLS. Client certificates are requested ({@code want}) or
 * required ({@code need}) only against the CAs in {@value #CLIENT_CA}, never against the JDK's public CAs: a
 * certificate any public CA signed must not be a way in.
 *
 * <p>Only the combination of values is checked here; whether the files exist and fit together is checked by
 * {@link ServerTls#load}, when the listener starts. Paths are kept as configured; relative ones resolve against
 * the working directory. {@link #toString()} never shows the password.
 */
public final class TlsSettings {

    /** Configuration property: PEM file with the certificate chain, the listener's certificate first. */
    public static final String CERTIFICATE = "tlsCertificate";
    /** Configuration property: PEM file with the unencrypted private key of the certificate. */
    public static final String KEY = "tlsKey";
    /** Configuration property: PKCS#12 file with the private key and its certificate chain. */
    public static final String KEY_STORE = "tlsKeyStore";
    /** Configuration property: password of the PKCS#12 file and of the key in it. */
    public static final String KEY_STORE_PASSWORD = "tlsKeyStorePassword";
    /** Configuration property: PEM file with the CA certificates that client certificates must chain to. */
    public static final String CLIENT_CA = "tlsClientCa";
    /** Configuration property: {@code none}, {@code want} or {@code need}. */
    public static final String CLIENT_AUTH = "tlsClientAuth";

    /** Whether the listener asks TLS clients for a certificate. */
    public enum ClientAuth {
        /** Clients are not asked for a certificate. */
        NONE,
        /** Clients are asked; one without a certificate is let in, one with an untrusted certificate is not. */
        WANT,
        /** Clients without a certificate from a trusted CA fail the TLS handshake. */
        NEED;

        /** As in the configuration: {@code none}, {@code want}, {@code need}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** No TLS: the listener speaks plain TCP. */
    public static final TlsSettings DISABLED = new TlsSettings("", "", "", "", "", ClientAuth.NONE);

    private final String certificate;
    private final String key;
    private final String keyStore;
    private final String keyStorePassword;
    private final String clientCa;
    private final ClientAuth clientAuth;

    private TlsSettings(String certificate, String key, String keyStore, String keyStorePassword, String clientCa,
                        ClientAuth clientAuth) {
        this.certificate = certificate;
        this.key = key;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.clientCa = clientCa;
        this.clientAuth = clientAuth;
    }

    /**
     * Validates the configured values; {@code null} counts as empty, paths are trimmed, the password is not.
     *
     * @param owner what the properties belong to, starting the message of a rejection, e.g. {@code "WebSocket
     *              transport"} gives {@code WebSocket transport property 'tlsKey' must be set together with
     *              'tlsCertificate' (was: '')}, as the transports' other messages
     * @throws IllegalArgumentException naming the property at fault; never showing the password
     */
    public static TlsSettings of(String owner, String certificate, String key, String keyStore,
                                 String keyStorePassword, String clientCa, String clientAuth) {
        certificate = trimmed(certificate);
        key = trimmed(key);
        keyStore = trimmed(keyStore);
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
        clientCa = trimmed(clientCa);
        ClientAuth auth = parseClientAuth(owner, clientAuth);

        boolean pem = !certificate.isEmpty() || !key.isEmpty();
        require(owner, keyStore.isEmpty() || !pem, KEY_STORE, "cannot be combined with '" + CERTIFICATE + "' and '"
                + KEY + "': configure a PKCS#12 store or a PEM pair", quoted(keyStore));
        require(owner, !certificate.isEmpty() || key.isEmpty(), CERTIFICATE, "must be set together with '" + KEY + "'",
                quoted(certificate));
        require(owner, !key.isEmpty() || certificate.isEmpty(), KEY, "must be set together with '" + CERTIFICATE + "'",
                quoted(key));
        require(owner, keyStorePassword.isEmpty() || !keyStore.isEmpty(), KEY_STORE_PASSWORD,
                "is set but '" + KEY_STORE + "' is empty", "a password");
        boolean enabled = pem || !keyStore.isEmpty();
        String noTls = "needs TLS: set '" + CERTIFICATE + "' and '" + KEY + "', or '" + KEY_STORE + "'";
        require(owner, enabled || clientCa.isEmpty(), CLIENT_CA, noTls, quoted(clientCa));
        require(owner, enabled || auth == ClientAuth.NONE, CLIENT_AUTH, noTls, auth);
        require(owner, auth == ClientAuth.NONE || !clientCa.isEmpty(), CLIENT_CA,
                "must name the CA certificates client certificates are checked against when '" + CLIENT_AUTH
                        + "' is " + auth, quoted(clientCa));
        require(owner, auth != ClientAuth.NONE || clientCa.isEmpty(), CLIENT_AUTH,
                "must be want or need when '" + CLIENT_CA + "' is set", auth);
        return enabled ? new TlsSettings(certificate, key, keyStore, keyStorePassword, clientCa, auth) : DISABLED;
    }

    /** Whether the listener speaks TLS. */
    public boolean enabled() {
        return !certificate.isEmpty() || !keyStore.isEmpty();
    }

    /** Whether the key comes from a PKCS#12 store rather than a PEM pair. */
    public boolean usesKeyStore() {
        return !keyStore.isEmpty();
    }

    /** As configured, {@code ""} when a key store is used or TLS is off. */
    public String certificate() {
        return certificate;
    }

    /** As configured, {@code ""} when a key store is used or TLS is off. */
    public String key() {
        return key;
    }

    /** As configured, {@code ""} for a PEM pair or without TLS. */
    public String keyStore() {
        return keyStore;
    }

    /** The PKCS#12 password; keep it out of logs. */
    public String keyStorePassword() {
        return keyStorePassword;
    }

    /** As configured, {@code ""} when client certificates are not asked for. */
    public String clientCa() {
        return clientCa;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    private static ClientAuth parseClientAuth(String owner, String value) {
        String text = trimmed(value).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "", "none" -> ClientAuth.NONE;
            case "want" -> ClientAuth.WANT;
            case "need" -> ClientAuth.NEED;
            default -> throw rejection(owner, CLIENT_AUTH, "must be none, want or need", value);
        };
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }

    private static void require(String owner, boolean valid, String property, String rule, Object shown) {
        if (!valid) {
            throw rejection(owner, property, rule, shown);
        }
    }

    private static IllegalArgumentException rejection(String owner, String property, String rule, Object shown) {
        return new IllegalArgumentException(owner + " property '" + property + "' " + rule + " (was: " + shown + ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsSettings that
                && certificate.equals(that.certificate) && key.equals(that.key) && keyStore.equals(that.keyStore)
                && keyStorePassword.equals(that.keyStorePassword) && clientCa.equals(that.clientCa)
                && clientAuth == that.clientAuth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificate, key, keyStore, keyStorePassword, clientCa, clientAuth);
    }

    /** Paths and client authentication; whether a password is set, never the password. */
    @Override
    public String toString() {
        if (!enabled()) {
            return "TlsSettings[disabled]";
        }
        String keys = usesKeyStore()
                ? KEY_STORE + "=" + keyStore + ", " + KEY_STORE_PASSWORD + "=" + (keyStorePassword.isEmpty() ? "<empty>" : "<hidden>")
                : CERTIFICATE + "=" + certificate + ", " + KEY + "=" + key;
        return "TlsSettings[" + keys + ", " + CLIENT_AUTH + "=" + clientAuth
                + (clientCa.isEmpty() ? "" : ", " + CLIENT_CA + "=" + clientCa) + "]";
    }
}
