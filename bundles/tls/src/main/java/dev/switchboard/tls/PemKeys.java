package dev.switchboard.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import dev.switchboard.tls.TlsFile.PemBlock;

/**
 * Certificates and private keys from PEM files, with the JDK alone. Private keys: PKCS#8 ({@code BEGIN PRIVATE
 * KEY}, any algorithm the JDK has), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY},
 * with its curve parameters, as OpenSSL writes it); the last two are wrapped in PKCS#8 (RFC 5208) here. Encrypted
 * keys are refused with a message saying so.
 */
final class PemKeys {

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1_RSA = "RSA PRIVATE KEY";
    private static final String SEC1_EC = "EC PRIVATE KEY";
    private static final String PKCS8_ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    private static final List<String> KEY_TYPES = List.of(PKCS8, PKCS1_RSA, SEC1_EC, PKCS8_ENCRYPTED);

    /** AlgorithmIdentifier parts, DER-encoded: rsaEncryption (RFC 8017) with NULL, id-ecPublicKey (RFC 5480). */
    private static final byte[] RSA_ENCRYPTION = HexFormat.of().parseHex("06092a864886f70d010101");
    private static final byte[] DER_NULL = {Der.NULL, 0};
    private static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("06072a8648ce3d0201");
    private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};

    private PemKeys() {}

    /** Every {@code CERTIFICATE} block, in order; at least one. */
    static List<X509Certificate> certificates(TlsFile file) throws TlsException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemBlock block : file.readPem()) {
            if (block.type().equals("CERTIFICATE")) {
                certificates.add(parseCertificate(file, block.der()));
            }
        }
        if (certificates.isEmpty()) {
            throw file.problem("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    static X509Certificate parseCertificate(TlsFile file, byte[] der) throws TlsException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw file.problem("holds a certificate that cannot be parsed", e);
        }
    }

    /**
     * The one private key in {@code file}.
     *
     * @param certificateAlgorithm the certificate's key algorithm ({@code RSA}, {@code EC}, ...): what a PKCS#8
     *                             key must be, since the PEM type does not say
     */
    static PrivateKey privateKey(TlsFile file, String certificateAlgorithm) throws TlsException {
        List<PemBlock> keys = file.readPem().stream().filter(block -> KEY_TYPES.contains(block.type())).toList();
        if (keys.isEmpty()) {
            throw file.problem("holds no PEM private key (-----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- "
                    + "or -----BEGIN EC PRIVATE KEY-----)");
        }
        if (keys.size() > 1) {
            throw file.problem("holds " + keys.size() + " private keys; keep the one of the certificate");
        }
        PemBlock block = keys.get(0);
        if (block.type().equals(PKCS8_ENCRYPTED) || block.headers()) {
            throw file.problem("holds an encrypted private key, which is not supported: store it unencrypted, readable "
                    + "by the node only (openssl pkcs8 -topk8 -nocrypt), or use a PKCS#12 store (tlsKeyStore)");
        }
        byte[] pkcs8 = null;
        String algorithm = switch (block.type()) {
            case PKCS1_RSA -> "RSA";
            case SEC1_EC -> "EC";
            default -> certificateAlgorithm;
        };
        try {
            pkcs8 = switch (block.type()) {
                case PKCS1_RSA -> wrapPkcs1(block.der());
                case SEC1_EC -> wrapSec1(file, block.der());
                default -> block.der();
            };
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw file.problem("cannot be read as a private key of type " + algorithm
                    + (algorithm.equals(certificateAlgorithm) ? " (the certificate's)" : ""), e);
        } finally { // key bytes need not linger until the next garbage collection
            Arrays.fill(block.der(), (byte) 0);
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    /** PKCS#1 RSAPrivateKey as PKCS#8 PrivateKeyInfo: version 0, rsaEncryption with NULL, the key as OCTET STRING. */
    static byte[] wrapPkcs1(byte[] rsaPrivateKey) {
        return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, RSA_ENCRYPTION, DER_NULL),
                Der.encode(Der.OCTET_STRING, rsaPrivateKey));
    }

    /**
     * SEC1 ECPrivateKey (RFC 5915) as PKCS#8: its {@code [0]} parameters (the named curve) move into the
     * AlgorithmIdentifier; the ECPrivateKey itself goes in unchanged, as OpenSSL's PKCS#8 conversion does.
     */
    static byte[] wrapSec1(TlsFile file, byte[] ecPrivateKey) throws TlsException {
        byte[] parameters = Der.children(ecPrivateKey).stream()
                .filter(element -> element.tag() == Der.CONTEXT_0)
                .findFirst()
                .map(Der.Element::content)
                .orElseThrow(() -> file.problem("holds an EC PRIVATE KEY without its curve; convert it to PKCS#8 "
                        + "(openssl pkcs8 -topk8 -nocrypt)"));
        return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY, parameters),
                Der.encode(Der.OCTET_STRING, ecPrivateKey));
    }

    /**
     * Whether {@code key} is the private half of {@code certificateKey}: RSA by modulus, other algorithms by signing
     * a random challenge and verifying it with the certificate's key.
     */
    static boolean matches(PrivateKey key, PublicKey certificateKey) {
        if (key instanceof RSAKey rsaKey && certificateKey instanceof RSAKey rsaCertificateKey) {
            return rsaKey.getModulus().equals(rsaCertificateKey.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null || !key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) { // different curves and the like
            return false;
        }
    }
}
