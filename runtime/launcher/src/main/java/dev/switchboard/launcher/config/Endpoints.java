package dev.switchboard.launcher.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Crossbar endpoints: listening ones for router transports, connecting ones for container components. TCP or a
 * Unix domain socket; Twisted endpoint strings, Tor and onion services are refused by name.
 */
final class Endpoints {

    /** sun_path is 108 bytes on Linux, including the terminating NUL. */
    static final int MAX_UNIX_PATH_BYTES = 107;

    /**
     * A listening endpoint.
     *
     * @param tls     {@code tlsKey}, {@code tlsCertificate}, ... for the transport, empty without TLS
     * @param backlog the accept queue's length ({@code acceptQueueSize}), {@code null} for the transport's default
     */
    record Listening(String host, Integer port, Path unixSocket, Map<String, Object> tls, Integer backlog) {
    }

    /** A connecting endpoint. */
    record Connecting(String host, Integer port, Path unixSocket, Long timeoutMillis) {
    }

    private Endpoints() {
    }

    static Listening listening(Obj endpoint, Path nodeDirectory, Problems problems) {
        String type = type(endpoint, problems);
        if (type == null) {
            return null;
        }
        if (type.equals("unix")) {
            endpoint.check(Keys.of("type", "path", "backlog"));
            Path path = unixPath(endpoint, nodeDirectory, problems);
            Integer backlog = backlog(endpoint);
            return path == null ? null : new Listening(null, null, path, Map.of(), backlog);
        }
        endpoint.check(Keys.of("type", "port", "interface", "version", "tls", "backlog")
                .unsupported("portrange", "port ranges; give one port")
                .unsupported("shared", "sharing a port between processes (SO_REUSEPORT)")
                .unsupported("user_timeout", "TCP_USER_TIMEOUT"));
        Long port = endpoint.integer("port", 1, 65535, true);
        Long version = endpoint.integer("version", 4, 6, false);
        if (version != null && version == 5) {
            problems.error(endpoint.at("version"), "expected 4 or 6, got 5");
        }
        String host = endpoint.string("interface", false);
        if (host == null && !endpoint.has("interface")) {
            // Crossbar listens on every interface without "interface"; a node listens on loopback unless told to.
            host = version != null && version == 6 ? "::1" : "127.0.0.1";
        }
        Map<String, Object> tls = Tls.listening(endpoint.object("tls", false), nodeDirectory, problems);
        Integer backlog = backlog(endpoint);
        return port == null || host == null ? null : new Listening(host, port.intValue(), null, tls, backlog);
    }

    /**
     * Crossbar's listen backlog, 1 to 65535 as Crossbar checks it. Without it the transports queue 1024 connections,
     * not Crossbar's 50 (the kernel caps either at {@code net.core.somaxconn}).
     */
    private static Integer backlog(Obj endpoint) {
        Long backlog = endpoint.integer("backlog", 1, 65535, false);
        return backlog == null ? null : backlog.intValue();
    }

    static Connecting connecting(Obj endpoint, Path nodeDirectory, Problems problems) {
        String type = type(endpoint, problems);
        if (type == null) {
            return null;
        }
        Long timeout;
        if (type.equals("unix")) {
            endpoint.check(Keys.of("type", "path", "timeout"));
            timeout = endpoint.integer("timeout", 1, 3600, false);
            Path path = unixPath(endpoint, nodeDirectory, problems);
            return path == null ? null : new Connecting(null, null, path, millis(timeout));
        }
        endpoint.check(Keys.of("type", "host", "port", "timeout", "version")
                .unsupported("tls", "TLS from a container to the router; connect over a Unix socket or loopback"));
        String host = endpoint.string("host", true);
        Long port = endpoint.integer("port", 1, 65535, true);
        endpoint.integer("version", 4, 6, false);
        timeout = endpoint.integer("timeout", 1, 3600, false);
        return host == null || port == null ? null : new Connecting(host, port.intValue(), null, millis(timeout));
    }

    private static Long millis(Long seconds) {
        return seconds == null ? null : seconds * 1000;
    }

    private static String type(Obj endpoint, Problems problems) {
        String type = endpoint.string("type", true);
        if (type == null) {
            return null;
        }
        switch (type) {
            case "tcp", "unix" -> {
                return type;
            }
            case "twisted" -> problems.unsupported(endpoint.at("type"), "Twisted endpoint descriptors");
            case "onion", "tor" -> problems.unsupported(endpoint.at("type"), "Tor endpoints and onion services");
            default -> problems.error(endpoint.at("type"), "expected one of " + Obj.quoted(List.of("tcp", "unix"))
                    + ", got " + Obj.describe(endpoint.raw("type")));
        }
        return null;
    }

    /** Relative to the node directory, as Crossbar resolves it against the node's directory. */
    private static Path unixPath(Obj endpoint, Path nodeDirectory, Problems problems) {
        String text = endpoint.string("path", true);
        if (text == null) {
            return null;
        }
        Path path = nodeDirectory.resolve(text).normalize();
        int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_UNIX_PATH_BYTES) {
            problems.error(endpoint.at("path"), path + " is " + bytes + " bytes long, Unix domain socket paths"
                    + " can have at most " + MAX_UNIX_PATH_BYTES + ": use a shorter node directory path or socket"
                    + " name");
            return null;
        }
        return path;
    }
}
