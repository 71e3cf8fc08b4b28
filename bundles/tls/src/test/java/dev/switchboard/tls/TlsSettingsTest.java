package dev.switchboard.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.switchboard.tls.TlsSettings.ClientAuth;

class TlsSettingsTest {

    private static final String OWNER = "Test transport";

    @Test
    void allEmptyMeansNoTls() {
        assertSame(TlsSettings.DISABLED, settings("", "", "", "", "", ""));
        assertSame(TlsSettings.DISABLED, settings(null, null, null, null, null, null));
        assertSame(TlsSettings.DISABLED, settings(" ", "", "", "", "", "none"));
        assertFalse(TlsSettings.DISABLED.enabled());
    }

    @Test
    void pemPairIsTrimmedAndEnabled() {
        TlsSettings settings = settings(" run/cert.pem ", "run/key.pem", "", "", "", "");

        assertTrue(settings.enabled());
        assertFalse(settings.usesKeyStore());
        assertEquals("run/cert.pem", settings.certificate());
        assertEquals(ClientAuth.NONE, settings.clientAuth());
    }

    @Test
    void keyStoreWithPasswordIsEnabledAndThePasswordKeptAsIs() {
        TlsSettings settings = settings("", "", "run/node.p12", " secret ", "", "");

        assertTrue(settings.usesKeyStore());
        assertEquals(" secret ", settings.keyStorePassword());
    }

    @Test
    void clientAuthIsParsedIgnoringCase() {
        assertEquals(ClientAuth.NEED, settings("c", "k", "", "", "ca.pem", " NEED ").clientAuth());
        assertEquals(ClientAuth.WANT, settings("", "", "s.p12", "", "ca.pem", "want").clientAuth());
    }

    @Test
    void halfAPemPairIsRejectedNamingTheMissingHalf() {
        assertRejected("Test transport property 'tlsKey' must be set together with 'tlsCertificate' (was: '')",
                "cert.pem", "", "", "", "", "");
        assertRejected("Test transport property 'tlsCertificate' must be set together with 'tlsKey' (was: '')",
                "", "key.pem", "", "", "", "");
    }

    @Test
    void pemPairAndKeyStoreTogetherAreRejected() {
        assertRejected("Test transport property 'tlsKeyStore' cannot be combined with 'tlsCertificate' and 'tlsKey'",
                "cert.pem", "key.pem", "node.p12", "pw", "", "");
    }

    @Test
    void passwordWithoutKeyStoreIsRejectedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings("cert.pem", "key.pem", "", "hunter2", "", ""));

        assertEquals("Test transport property 'tlsKeyStorePassword' is set but 'tlsKeyStore' is empty (was: a password)",
                e.getMessage());
    }

    @Test
    void clientSettingsWithoutTlsAreRejected() {
        assertRejected("Test transport property 'tlsClientCa' needs TLS", "", "", "", "", "ca.pem", "need");
        assertRejected("Test transport property 'tlsClientAuth' needs TLS", "", "", "", "", "", "want");
    }

    @Test
    void clientAuthWithoutClientCaIsRejected() {
        assertRejected("Test transport property 'tlsClientCa' must name the CA certificates client certificates are "
                + "checked against when 'tlsClientAuth' is need (was: '')", "c", "k", "", "", "", "need");
    }

    @Test
    void clientCaWithoutClientAuthIsRejectedRatherThanIgnored() {
        assertRejected("Test transport property 'tlsClientAuth' must be want or need when 'tlsClientCa' is set",
                "c", "k", "", "", "ca.pem", "");
    }

    @Test
    void unknownClientAuthIsRejected() {
        assertRejected("Test transport property 'tlsClientAuth' must be none, want or need (was: required)",
                "c", "k", "", "", "ca.pem", "required");
    }

    @Test
    void toStringNeverShowsThePassword() {
        String text = settings("", "", "node.p12", "hunter2", "ca.pem", "need").toString();

        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("tlsKeyStorePassword=<hidden>"), text);
        assertTrue(text.contains("tlsClientAuth=need"), text);
    }

    @Test
    void equalSettingsAreEqual() {
        assertEquals(settings("c", "k", "", "", "", ""), settings("c ", " k", "", null, null, "NONE"));
    }

    private static TlsSettings settings(String certificate, String key, String keyStore, String password,
                                        String clientCa, String clientAuth) {
        return TlsSettings.of(OWNER, certificate, key, keyStore, password, clientCa, clientAuth);
    }

    private static void assertRejected(String expectedStart, String certificate, String key, String keyStore,
                                       String password, String clientCa, String clientAuth) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(certificate, key, keyStore, password, clientCa, clientAuth));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
