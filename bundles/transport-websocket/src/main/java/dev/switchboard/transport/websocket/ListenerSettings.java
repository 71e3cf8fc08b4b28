package dev.switchboard.transport.websocket;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated, immutable settings of one listener. Built from {@link WebSocketTransportConfig}; the constructor
 * rejects invalid values with an {@link IllegalArgumentException} naming the configuration property.
 *
 * @param unixSocket   path of the Unix domain socket as configured, {@code ""} for none
 * @param idleTimeout  {@link Duration#ZERO} for no idle timeout
 * @param autoPingInterval {@link Duration#ZERO} for no automatic PING
 * @param closeTimeout how long a close handshake the server started may take before the connection is aborted
 *                     (not configurable: a peer that never answers must not hold the connection forever)
 * @param auth         name of the router's authentication policy for this listener, {@code ""} for anonymous only
 */
record ListenerSettings(
        String name,
        String host,
        int port,
        String path,
        String unixSocket,
        int maxMessageSize,
        long maxPendingBytes,
        Duration idleTimeout,
        Duration autoPingInterval,
        Duration closeTimeout,
        String auth) {

    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    ListenerSettings {
        require(name != null && !name.isBlank(), "name", "must not be empty", name);
        require(host != null && !host.isBlank(), "host", "must not be empty", host);
        require(port >= 0 && port <= 65535, "port", "must be between 0 (no TCP listener) and 65535", port);
        require(path != null && path.startsWith("/"), "path", "must start with '/'", path);
        unixSocket = unixSocket == null ? "" : unixSocket.trim();
        auth = auth == null ? "" : auth.trim();
        require(port > 0 || !unixSocket.isEmpty(), "port", "is 0 and 'unixSocket' is empty: nothing to listen on", port);
        require(maxMessageSize > 0, "maxMessageSize", "must be positive", maxMessageSize);
        require(maxPendingBytes > 0, "maxPendingBytes", "must be positive", maxPendingBytes);
        require(isNotNegative(idleTimeout), "idleTimeoutSeconds", "must not be negative", idleTimeout);
        require(isNotNegative(autoPingInterval), "autoPingIntervalSeconds", "must not be negative", autoPingInterval);
        require(isNotNegative(closeTimeout) && !closeTimeout.isZero(), "closeTimeout", "must be positive", closeTimeout);
    }

    static ListenerSettings from(WebSocketTransportConfig config) {
        require(config.idleTimeoutSeconds() >= 0, "idleTimeoutSeconds", "must not be negative", config.idleTimeoutSeconds());
        require(config.autoPingIntervalSeconds() >= 0, "autoPingIntervalSeconds", "must not be negative",
                config.autoPingIntervalSeconds());
        return new ListenerSettings(config.name(), config.host(), config.port(), config.path(), config.unixSocket(),
                config.maxMessageSize(), config.maxPendingBytes(), Duration.ofSeconds(config.idleTimeoutSeconds()),
                Duration.ofSeconds(config.autoPingIntervalSeconds()), DEFAULT_CLOSE_TIMEOUT, config.auth());
    }

    boolean hasTcpListener() {
        return port > 0;
    }

    boolean hasUnixListener() {
        return !unixSocket.isEmpty();
    }

    /** Relative paths resolve against the process working directory, as the JVM does. */
    Path unixSocketPath() {
        return Path.of(unixSocket);
    }

    private static boolean isNotNegative(Duration duration) {
        return duration != null && !duration.isNegative();
    }

    private static void require(boolean valid, String property, String rule, Object value) {
        if (!valid) {
            throw new IllegalArgumentException(
                    "WebSocket transport property '" + property + "' " + rule + " (was: " + value + ")");
        }
    }
}
