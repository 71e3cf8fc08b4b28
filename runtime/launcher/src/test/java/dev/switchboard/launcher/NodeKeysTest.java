package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {

    @TempDir
    Path directory;

    @Test
    void aNewPairIsOwnerOnlyInCrossbarsFormatAndLoadsBack() throws Exception {
        NodeDirectory node = new NodeDirectory(directory);
        String publicKey = NodeKeys.generate(node);
        assertTrue(publicKey.matches("[0-9a-f]{64}"), publicKey);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.privateKey())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.publicKey())));
        assertTrue(Files.readString(node.privateKey()).contains("private-key-ed25519: "));
        assertFalse(Files.readString(node.publicKey()).contains("private-key"));
        assertEquals(publicKey, NodeKeys.tag(node.privateKey(), "public-key-ed25519"));
        assertEquals(publicKey, NodeKeys.load(node));
        assertFalse(NodeKeys.privateKeyIsExposed(node));
    }

    @Test
    void keysAreNeverOverwritten() throws Exception {
        NodeDirectory node = new NodeDirectory(directory);
        NodeKeys.generate(node);
        LauncherException e = assertThrows(LauncherException.class, () -> NodeKeys.generate(node));
        assertTrue(e.getMessage().endsWith("exists already; keys are never overwritten"), e.getMessage());
    }

    @Test
    void aPairThatDoesNotBelongTogetherIsRefused() throws Exception {
        NodeDirectory first = new NodeDirectory(directory.resolve("a"));
        NodeDirectory second = new NodeDirectory(directory.resolve("b"));
        Files.createDirectories(first.root());
        Files.createDirectories(second.root());
        NodeKeys.generate(first);
        NodeKeys.generate(second);
        Files.copy(second.publicKey(), first.publicKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LauncherException e = assertThrows(LauncherException.class, () -> NodeKeys.load(first));
        assertTrue(e.getMessage().endsWith("are not one key pair"), e.getMessage());
    }

    @Test
    void aReadablePrivateKeyIsNoticed() throws Exception {
        NodeDirectory node = new NodeDirectory(directory);
        NodeKeys.generate(node);
        Files.setPosixFilePermissions(node.privateKey(), PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(NodeKeys.privateKeyIsExposed(node));
    }
}
