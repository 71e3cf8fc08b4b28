package dev.switchboard.shell;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is at the other end of a Unix domain socket ({@code SO_PEERCRED}, Linux and macOS): a second line of defence
 * behind the socket's owner-only permissions. Where the JDK cannot tell, the permissions alone decide.
 */
final class PeerCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PeerCheck.class);
    private static volatile boolean unsupportedLogged;

    private PeerCheck() {
    }

    /** The peer's user name when it is not {@code owner}; {@code null} for the owner or when it cannot be known. */
    static String stranger(SocketChannel channel, UserPrincipal owner) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String name = peer.user().getName();
            return name.equals(owner.getName()) ? null : name;
        } catch (UnsupportedOperationException | IOException | NoClassDefFoundError e) {
            if (!unsupportedLogged) {
                unsupportedLogged = true;
                LOG.info("Shell socket: this JDK cannot tell the peer's user ({}); the socket's owner-only"
                        + " permissions decide alone", e.toString());
            }
            return null;
        }
    }
}
