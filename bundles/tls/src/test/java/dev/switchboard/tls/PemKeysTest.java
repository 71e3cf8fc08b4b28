package dev.switchboard.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.tls.testing.TestPki;

/** The PEM formats, against the same keys converted by OpenSSL (see src/test/pki/generate.sh). */
class PemKeysTest {

    @TempDir
    Path temp;
    private TestPki pki;

    @BeforeEach
    void copyFixtures() {
        pki = TestPki.copyTo(temp);
    }

    @Test
    void pkcs1RsaKeyIsTheSameKeyAsItsPkcs8Form() throws Exception {
        RSAPrivateCrtKey pkcs1 = (RSAPrivateCrtKey) key(TestPki.SERVER_KEY_PKCS1, "RSA");
        RSAPrivateCrtKey pkcs8 = (RSAPrivateCrtKey) key(TestPki.SERVER_KEY, "RSA");

        assertEquals(pkcs8.getModulus(), pkcs1.getModulus());
        assertEquals(pkcs8.getPrivateExponent(), pkcs1.getPrivateExponent());
        assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded());
    }

    @Test
    void sec1EcKeyAfterItsParametersBlockIsTheSameKeyAsItsPkcs8Form() throws Exception {
        ECPrivateKey sec1 = (ECPrivateKey) key(TestPki.SERVER_EC_KEY_SEC1, "EC");
        ECPrivateKey pkcs8 = (ECPrivateKey) key(TestPki.SERVER_EC_KEY, "EC");

        assertEquals(pkcs8.getS(), sec1.getS());
        assertEquals(pkcs8.getParams().getCurve(), sec1.getParams().getCurve());
    }

    @Test
    void keysMatchTheirCertificatesOnly() throws Exception {
        PublicKey rsaCertificate = certificateKey(TestPki.SERVER_CERTIFICATE);
        PublicKey ecCertificate = certificateKey(TestPki.SERVER_EC_CERTIFICATE);

        assertTrue(PemKeys.matches(key(TestPki.SERVER_KEY, "RSA"), rsaCertificate));
        assertTrue(PemKeys.matches(key(TestPki.SERVER_EC_KEY, "EC"), ecCertificate));
        assertFalse(PemKeys.matches(key(TestPki.OTHER_KEY, "RSA"), rsaCertificate));
        assertFalse(PemKeys.matches(key(TestPki.SERVER_EC_KEY, "EC"), rsaCertificate));
        assertFalse(PemKeys.matches(key(TestPki.SERVER_KEY, "RSA"), ecCertificate));
    }

    @Test
    void certificateChainIsReadInOrder() throws Exception {
        var chain = PemKeys.certificates(file(TestPki.SERVER_CERTIFICATE));

        assertEquals(2, chain.size());
        assertEquals("CN=localhost", chain.get(0).getSubjectX500Principal().getName());
        assertEquals(chain.get(0).getIssuerX500Principal(), chain.get(1).getSubjectX500Principal());
    }

    @Test
    void sec1KeyWithoutCurveParametersIsRefusedWithAHint() {
        // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING } (the optional [0] curve left out)
        byte[] noCurve = Der.encode(Der.SEQUENCE, new byte[] {Der.INTEGER, 1, 1}, Der.encode(Der.OCTET_STRING, new byte[32]));

        TlsException e = assertThrows(TlsException.class, () -> PemKeys.wrapSec1(new TlsFile(TlsSettings.KEY, "k.pem"), noCurve));

        assertTrue(e.getMessage().startsWith("tlsKey 'k.pem' holds an EC PRIVATE KEY without its curve"), e.getMessage());
    }

    @Test
    void derLengthsInEveryFormRoundTrip() {
        for (int length : new int[] {0, 1, 127, 128, 255, 256, 65535, 65536}) {
            byte[] encoded = Der.encode(Der.OCTET_STRING, new byte[length]);
            Der.Element element = Der.element(encoded, 0);
            assertEquals(Der.OCTET_STRING, element.tag());
            assertEquals(length, element.content().length, "length " + length);
            assertEquals(encoded.length, element.encoded().length);
        }
    }

    @Test
    void truncatedDerIsRejected() {
        byte[] encoded = Der.encode(Der.OCTET_STRING, new byte[300]);
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - 1);

        assertThrows(IllegalArgumentException.class, () -> Der.element(truncated, 0));
        assertThrows(IllegalArgumentException.class, () -> Der.element(new byte[] {0x30}, 0));
    }

    private PrivateKey key(String file, String certificateAlgorithm) throws TlsException {
        return PemKeys.privateKey(file(file), certificateAlgorithm);
    }

    private PublicKey certificateKey(String file) throws TlsException {
        return PemKeys.certificates(file(file)).get(0).getPublicKey();
    }

    private TlsFile file(String name) {
        return new TlsFile(TlsSettings.KEY, pki.path(name));
    }
}
