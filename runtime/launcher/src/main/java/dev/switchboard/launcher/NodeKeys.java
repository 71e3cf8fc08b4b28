package dev.switchboard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The node's Ed25519 key pair (for a cryptosign node identity), made with the JDK, in Crossbar's file format: text
 * with {@code tag: value} lines, {@code public-key-ed25519} and {@code private-key-ed25519} as 32 bytes in hex (the
 * private key is its seed). Both files are readable by their owner only.
 */
public final class NodeKeys {

    /** DER prefixes of an Ed25519 key in PKCS#8 and X.509 form; the last 32 bytes are the key itself. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private NodeKeys() {
    }

    /** Writes a new pair; refuses to overwrite either file. Returns the public key in hex. */
    public static String generate(NodeDirectory node) throws LauncherException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new LauncherException("this JDK cannot make Ed25519 keys: " + e);
        }
        String publicHex = HexFormat.of().formatHex(tail(pair.getPublic().getEncoded()));
        String privateHex = HexFormat.of().formatHex(tail(pair.getPrivate().getEncoded()));
        String header = "creator: " + Product.NAME + " " + Product.version() + "\n"
                + "created-at: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
        write(node.privateKey(), Product.NAME + " node key - KEEP THIS SECRET!\n\n" + header
                + "public-key-ed25519: " + publicHex + "\nprivate-key-ed25519: " + privateHex + "\n");
        write(node.publicKey(), Product.NAME + " node public key\n\n" + header + "public-key-ed25519: " + publicHex
                + "\n");
        return publicHex;
    }

    /**
     * Reads the pair and proves they belong together (a signature by one checks with the other).
     *
     * @return the public key in hex
     */
    public static String load(NodeDirectory node) throws LauncherException {
        String publicHex = tag(node.publicKey(), "public-key-ed25519");
        String privateHex = tag(node.privateKey(), "private-key-ed25519");
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            var publicKey = factory.generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX,
                    HexFormat.of().parseHex(publicHex))));
            var privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX,
                    HexFormat.of().parseHex(privateHex))));
            byte[] probe = "switchboard node key check".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new LauncherException(node.privateKey() + " and " + node.publicKey() + " are not one key pair");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LauncherException("the node key in " + node.root() + " is not a valid Ed25519 key: " + e);
        }
        return publicHex;
    }

    /** Whether others than the owner can read the private key, for a warning. */
    public static boolean privateKeyIsExposed(NodeDirectory node) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(node.privateKey());
            return !OWNER_ONLY.containsAll(permissions);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static String tag(Path file, String tag) throws LauncherException {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    tags.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new LauncherException("cannot read the node key " + file + ": " + e);
        }
        String value = tags.get(tag);
        if (value == null || !value.matches("[0-9a-fA-F]{64}")) {
            throw new LauncherException(file + " has no valid '" + tag + "' (64 hexadecimal digits)");
        }
        return value.toLowerCase();
    }

    private static void write(Path file, String text) throws LauncherException {
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new LauncherException(file + " exists already; keys are never overwritten");
        } catch (IOException e) {
            throw new LauncherException("cannot write " + file + ": " + e);
        }
    }

    private static byte[] tail(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static byte[] concat(byte[] prefix, byte[] key) {
        byte[] all = Arrays.copyOf(prefix, prefix.length + key.length);
        System.arraycopy(key, 0, all, prefix.length, key.length);
        return all;
    }
}
