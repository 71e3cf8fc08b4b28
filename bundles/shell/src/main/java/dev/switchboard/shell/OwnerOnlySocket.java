package dev.switchboard.shell;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Unix domain socket only its owner can reach: the socket file is {@code rw-------} in a directory that is
 * {@code rwx------} and owned by the user the node runs as. The directory is made owner-only before the socket is
 * bound, so there is no moment in which another user could connect (Linux checks the socket file's write permission
 * on connect, other systems only the directories on the path). The server still checks each peer's user
 * ({@link ShellSocketServer}).
 */
final class OwnerOnlySocket {

    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_SOCKET = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlySocket() {
    }

    /**
     * Binds the socket at {@code path}: creates its directory (owner-only) or makes an existing one owner-only,
     * removes a socket file left by a node that is gone, and refuses to touch anything else.
     *
     * @param notice told when an existing directory's permissions were narrowed
     * @return the bound channel and the file's key (to delete only this socket's file later)
     * @throws IOException with a message that names the path and what is wrong with it
     */
    static Bound bind(Path path, UserPrincipal owner, Consumer<String> notice) throws IOException {
        Path socket = path.toAbsolutePath().normalize();
        Path directory = socket.getParent();
        prepareDirectory(directory, owner, notice);
        removeStale(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, OWNER_SOCKET);
            Object key = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new Bound(socket, server, key);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("cannot listen on " + socket + ": " + e.getMessage(), e);
        }
    }

    static void prepareDirectory(Path directory, UserPrincipal owner, Consumer<String> notice) throws IOException {
        if (!Files.exists(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        }
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
        if (!attributes.isDirectory()) {
            throw new IOException(directory + " is not a directory");
        }
        if (!attributes.owner().getName().equals(owner.getName())) {
            throw new IOException(directory + " belongs to " + attributes.owner().getName() + ", not to "
                    + owner.getName() + " who runs the node: another user could replace the shell socket");
        }
        if (!attributes.permissions().equals(OWNER_DIRECTORY)) {
            Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
            notice.accept(directory + " is now owner-only (rwx------, was "
                    + PosixFilePermissions.toString(attributes.permissions()) + "): it holds the shell socket");
        }
    }

    /** Deletes a socket file nobody listens on; refuses a live socket and anything that is not a socket. */
    static void removeStale(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isOther()) {
            throw new IOException(socket + " exists and is not a socket; move it away");
        }
        boolean live;
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            live = true;
        } catch (IOException refused) {
            live = false;
        }
        if (live) {
            throw new IOException("another process listens on " + socket + " (a node running with this run/"
                    + " directory?)");
        }
        Files.deleteIfExists(socket); // left by a node that was killed
    }

    /** A bound socket; {@link #close()} closes it and deletes its file if the file is still this socket's. */
    record Bound(Path path, ServerSocketChannel channel, Object fileKey) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            channel.close();
            try {
                Object current = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
                if (Objects.equals(current, fileKey)) {
                    Files.deleteIfExists(path);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // gone already
            }
        }
    }
}
