package dev.switchboard.router;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The cryptography of WAMP authentication, with the JDK's own providers. */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** DER prefix that turns a raw 32-byte Ed25519 public key into an X.509 SubjectPublicKeyInfo. */
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Secrets() {}

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Compares secrets in time independent of where they differ. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** WAMP-CRA signature: base64(HMAC-SHA256(key, challenge)) (advanced/authentication_cra). */
    static String hmacSha256Base64(String key, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** WAMP-CRA salted key: base64(PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)), as Autobahn derives it. */
    static String deriveKey(String secret, String salt, int iterations, int keylen) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
                    keylen * 8);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    /**
     * Checks a ticket against its configured form: plain text, or {@code $pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt
     * and hash in base64) so that configuration files need not hold the ticket itself.
     */
    static boolean ticketMatches(String configured, String presented) {
        if (configured.startsWith("$pbkdf2-sha256$")) {
            String[] p = configured.split("\\$");
            if (p.length != 5) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(p[3]);
            byte[] expected = Base64.getDecoder().decode(p[4]);
            try {
                PBEKeySpec spec = new PBEKeySpec(presented.toCharArray(), salt, Integer.parseInt(p[2]), expected.length * 8);
                byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                return MessageDigest.isEqual(expected, actual);
            } catch (GeneralSecurityException | NumberFormatException e) {
                return false;
            }
        }
        return constantTimeEquals(configured, presented);
    }

    /** Verifies an Ed25519 signature with a raw 32-byte public key given in hex. */
    static boolean ed25519Verify(String publicKeyHex, byte[] message, byte[] signature) {
        try {
            byte[] raw = HexFormat.of().parseHex(publicKeyHex);
            if (raw.length != 32) {
                return false;
            }
            byte[] der = new byte[ED25519_X509_PREFIX.length + 32];
            System.arraycopy(ED25519_X509_PREFIX, 0, der, 0, ED25519_X509_PREFIX.length);
            System.arraycopy(raw, 0, der, ED25519_X509_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
