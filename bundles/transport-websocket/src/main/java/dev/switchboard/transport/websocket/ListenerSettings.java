package dev.switchboard.transport.websocket;

import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.tls.TlsSettings;
import dev.switchboard.transport.jetty.ListenerThreads;

/**
 * The validated, immutable settings of one listener. Built from {@link WebSocketTransportConfig}; the constructor
 * rejects invalid values with an {@link IllegalArgumentException} naming the configuration property.
 *
 * @param unixSocket   path of the Unix domain socket as configured, {@code ""} for none
 * @param webDirectory directory of static files served beside the WebSocket endpoint, as configured
 *                     ({@code ""} for none); checked when the listener starts
 * @param webPath      URL path the static files are served under: {@code /} or a path without a trailing slash
 * @param maxConnections open connections at most, over the TCP and the Unix domain socket listener together
 * @param idleTimeout  {@link Duration#ZERO} for no idle timeout
 * @param autoPingInterval {@link Duration#ZERO} for no automatic PING
 * @param closeTimeout how long a close handshake the server started may take before the connection is aborted
 *                     (not configurable: a peer that never answers must not hold the connection forever)
 * @param auth         name of the router's authentication policy for this listener, {@code ""} for anonymous only
 * @param tls          TLS on the TCP listener ({@code wss://}), {@link TlsSettings#DISABLED} for none; the Unix domain
 *                     socket never uses it (its file permissions guard it)
 * @param acceptQueueSize connections the kernel queues before they are accepted (the listen backlog), on each socket;
 *                     the kernel caps it at {@code net.core.somaxconn}
 * @param maxThreads   the listener's Jetty thread pool at most; {@link ListenerThreads#AUTOMATIC} (0) is replaced by
 *                     {@link ListenerThreads#automaticMaxThreads} for this machine's processors
 */
record ListenerSettings(
        String name,
        String host,
        int port,
        String path,
        String unixSocket,
        String webDirectory,
        String webPath,
        int maxMessageSize,
        long maxPendingBytes,
        int maxConnections,
        Duration idleTimeout,
        Duration autoPingInterval,
        Duration closeTimeout,
        String auth,
        TlsSettings tls,
        int acceptQueueSize,
        int maxThreads) {

    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** The JDK's default, 50, loses connections to a burst of 100 clients; the kernel caps it at somaxconn. */
    static final int DEFAULT_ACCEPT_QUEUE_SIZE = 1024;
    /** As Crossbar's endpoint {@code backlog}. */
    static final int MAX_ACCEPT_QUEUE_SIZE = 65535;
    /** Starts every rejection message, here and in {@link TlsSettings}. */
    private static final String OWNER = "WebSocket transport";

    ListenerSettings {
        require(name != null && !name.isBlank(), "name", "must not be empty", name);
        require(host != null && !host.isBlank(), "host", "must not be empty", host);
        require(port >= 0 && port <= 65535, "port", "must be between 0 (no TCP listener) and 65535", port);
        require(path != null && path.startsWith("/"), "path", "must start with '/'", path);
        unixSocket = unixSocket == null ? "" : unixSocket.trim();
        webDirectory = webDirectory == null ? "" : webDirectory.trim();
        webPath = webPath == null || webPath.isBlank() ? "/" : webPath.trim();
        require(isCleanPath(webPath), "webPath", "must be a plain URL path such as / or /static (no '.' or '..' "
                + "segments, no empty segments, no ?, #, ;, %, *, \\ or spaces)", webPath);
        if (webPath.length() > 1 && webPath.endsWith("/")) {
            webPath = webPath.substring(0, webPath.length() - 1);
        }
        auth = auth == null ? "" : auth.trim();
        require(port > 0 || !unixSocket.isEmpty(), "port", "is 0 and 'unixSocket' is empty: nothing to listen on", port);
        require(maxMessageSize > 0, "maxMessageSize", "must be positive", maxMessageSize);
        require(maxPendingBytes > 0, "maxPendingBytes", "must be positive", maxPendingBytes);
        require(maxConnections > 0, "maxConnections", "must be positive", maxConnections);
        require(isNotNegative(idleTimeout), "idleTimeoutSeconds", "must not be negative", idleTimeout);
        require(isNotNegative(autoPingInterval), "autoPingIntervalSeconds", "must not be negative", autoPingInterval);
        require(isNotNegative(closeTimeout) && !closeTimeout.isZero(), "closeTimeout", "must be positive", closeTimeout);
        tls = tls == null ? TlsSettings.DISABLED : tls;
        require(port > 0 || !tls.enabled(), "port", "is 0 but TLS is configured, which applies to the TCP listener only",
                port);
        require(acceptQueueSize >= 1 && acceptQueueSize <= MAX_ACCEPT_QUEUE_SIZE, "acceptQueueSize",
                "must be between 1 and " + MAX_ACCEPT_QUEUE_SIZE, acceptQueueSize);
        String tooFewThreads = ListenerThreads.checkMaxThreads(maxThreads, connectors(port, unixSocket));
        require(tooFewThreads == null, "maxThreads", tooFewThreads, maxThreads);
        maxThreads = ListenerThreads.resolveMaxThreads(maxThreads);
    }

    static ListenerSettings from(WebSocketTransportConfig config) {
        require(config.idleTimeoutSeconds() >= 0, "idleTimeoutSeconds", "must not be negative", config.idleTimeoutSeconds());
        require(config.autoPingIntervalSeconds() >= 0, "autoPingIntervalSeconds", "must not be negative",
                config.autoPingIntervalSeconds());
        return new ListenerSettings(config.name(), config.host(), config.port(), config.path(), config.unixSocket(),
                config.webDirectory(), config.webPath(), config.maxMessageSize(), config.maxPendingBytes(),
                config.maxConnections(), Duration.ofSeconds(config.idleTimeoutSeconds()), Duration.ofSeconds(config.autoPingIntervalSeconds()),
                DEFAULT_CLOSE_TIMEOUT, config.auth(),
                TlsSettings.of(OWNER, config.tlsCertificate(), config.tlsKey(), config.tlsKeyStore(),
                        config.tlsKeyStorePassword(), config.tlsClientCa(), config.tlsClientAuth()),
                config.acceptQueueSize(), config.maxThreads());
    }

    boolean hasTcpListener() {
        return port > 0;
    }

    /** Whether the TCP listener speaks TLS ({@code wss://}). */
    boolean hasTls() {
        return tls.enabled();
    }

    boolean hasUnixListener() {
        return !unixSocket.isEmpty();
    }

    /** The Jetty threads for this listener's sockets. */
    ListenerThreads threads() {
        return ListenerThreads.of(maxThreads, connectors(port, unixSocket));
    }

    /** TCP, Unix domain socket, or both. */
    private static int connectors(int port, String unixSocket) {
        return (port > 0 ? 1 : 0) + (unixSocket.isEmpty() ? 0 : 1);
    }

    /** Relative paths resolve against the process working directory, as the JVM does. */
    Path unixSocketPath() {
        return Path.of(unixSocket);
    }

    /** Whether static files are served beside the WebSocket endpoint. */
    boolean hasWebDirectory() {
        return !webDirectory.isEmpty();
    }

    /** The static files' directory, absolute: relative paths resolve against the process working directory. */
    Path webDirectoryPath() {
        return Path.of(webDirectory).toAbsolutePath().normalize();
    }

    /** Starts with '/', and has no empty, '.' or '..' segment and no character with a meaning of its own in URLs. */
    private static boolean isCleanPath(String path) {
        if (!path.startsWith("/") || path.chars().anyMatch(
                c -> c == '?' || c == '#' || c == ';' || c == '%' || c == '*' || c == '\\' || c < 0x21)) {
            return false;
        }
        if (path.equals("/")) {
            return true;
        }
        String withoutTrailingSlash = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String segment : withoutTrailingSlash.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNotNegative(Duration duration) {
        return duration != null && !duration.isNegative();
    }

    private static void require(boolean valid, String property, String rule, Object value) {
        if (!valid) {
            throw new IllegalArgumentException(
                    OWNER + " property '" + property + "' " + rule + " (was: " + value + ")");
        }
    }
}
