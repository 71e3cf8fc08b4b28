package dev.switchboard.bench.load;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a router listens, parsed from a URL:
 * {@code ws://127.0.0.1:8080/ws}, {@code ws+unix:/path/to/ws.sock} (HTTP path {@code /ws}, or {@code ?path=/x}),
 * {@code rawsocket://127.0.0.1:8081}, {@code rawsocket+unix:/path/to/rawsocket.sock}.
 */
record Endpoint(String url, boolean webSocket, boolean unix, SocketAddress address, String host, String httpPath) {

    static Endpoint parse(String url) {
        int colon = url.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a router URL: " + url);
        }
        String scheme = url.substring(0, colon);
        String rest = url.substring(colon + 1);
        return switch (scheme) {
            case "ws", "rawsocket" -> {
                URI uri = URI.create(url);
                if (uri.getPort() <= 0 || uri.getHost() == null) {
                    throw new IllegalArgumentException("a host and a port please: " + url);
                }
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/ws" : uri.getRawPath();
                yield new Endpoint(url, scheme.equals("ws"), false,
                        new InetSocketAddress(uri.getHost(), uri.getPort()), uri.getHost() + ":" + uri.getPort(), path);
            }
            case "ws+unix", "rawsocket+unix" -> {
                String file = rest.startsWith("//") ? rest.substring(2) : rest;
                String path = "/ws";
                int q = file.indexOf("?path=");
                if (q >= 0) {
                    path = file.substring(q + 6);
                    file = file.substring(0, q);
                }
                yield new Endpoint(url, scheme.equals("ws+unix"), true,
                        UnixDomainSocketAddress.of(Path.of(file).toAbsolutePath()), "localhost", path);
            }
            default -> throw new IllegalArgumentException("unknown scheme '" + scheme
                    + "': ws, ws+unix, rawsocket or rawsocket+unix");
        };
    }

    /** {@code websocket} or {@code rawsocket}, then {@code tcp} or {@code unix}. */
    String transport() {
        return (webSocket ? "websocket" : "rawsocket") + "/" + (unix ? "unix" : "tcp");
    }

    /** The TCP port, or -1 for a Unix socket. */
    int port() {
        return address instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    @Override
    public String toString() {
        return url;
    }
}
