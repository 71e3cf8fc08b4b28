package dev.switchboard.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second node off a framework cache that is in use. Felix's own cache lock does not help here: with
 * {@code storage.clean=onFirstInit} the second node deletes the cache, lock file included, before it locks, and pulls
 * the bundles out from under the first. The lock file sits beside the cache, so nodes that share a home but not a
 * cache (tests that move {@code org.osgi.framework.storage}) can still run side by side. Held until the JVM exits.
 */
final class StorageLock {

    private StorageLock() {
    }

    static FileLock acquire(Path storage) throws LauncherException {
        Path lockFile = storage.resolveSibling(storage.getFileName() + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw busy(storage, lockFile);
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw busy(storage, lockFile);
        } catch (IOException e) {
            throw new LauncherException("cannot lock " + lockFile + ": " + e);
        }
    }

    private static LauncherException busy(Path storage, Path lockFile) {
        return new LauncherException("another node is running on the framework cache " + storage + " (" + lockFile
                + " is locked): stop it first, or start this one from another runtime directory");
    }
}
