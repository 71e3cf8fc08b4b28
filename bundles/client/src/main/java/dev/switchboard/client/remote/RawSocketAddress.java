package dev.switchboard.client.remote;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a router's RawSocket listener is: {@code rawsocket://host:port} (TCP) or {@code rawsocket+unix:///abs.sock}
 * / {@code rawsocket+unix:relative.sock} (Unix domain socket, relative to the working directory).
 */
public record RawSocketAddress(String url, String host, int port, Path unixSocket) {

    public static RawSocketAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a RawSocket URL: '" + url + "' (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        return switch (scheme) {
            case "rawsocket" -> tcp(url, uri);
            case "rawsocket+unix" -> unix(url, uri);
            default -> throw new IllegalArgumentException("RawSocket URL '" + url
                    + "' must start with rawsocket:// (TCP) or rawsocket+unix: (Unix domain socket)");
        };
    }

    private static RawSocketAddress tcp(String url, URI uri) {
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("RawSocket URL '" + url + "' needs a host and a port, e.g. "
                    + "rawsocket://127.0.0.1:8081");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new RawSocketAddress(url, host, uri.getPort(), null);
    }

    private static RawSocketAddress unix(String url, URI uri) {
        String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("RawSocket URL '" + url + "' needs a socket path, e.g. "
                    + "rawsocket+unix:///run/switchboard.sock");
        }
        return new RawSocketAddress(url, null, 0, Path.of(path));
    }

    public static RawSocketAddress tcp(String host, int port) {
        return new RawSocketAddress("rawsocket://" + host + ":" + port, host, port, null);
    }

    public static RawSocketAddress unix(Path socket) {
        return new RawSocketAddress("rawsocket+unix:" + socket, null, 0, socket);
    }

    public boolean isUnix() {
        return unixSocket != null;
    }

    /** Resolved at every connect, so that a changed DNS entry is picked up on reconnect. */
    SocketAddress socketAddress() {
        return isUnix() ? UnixDomainSocketAddress.of(unixSocket) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return url;
    }
}
