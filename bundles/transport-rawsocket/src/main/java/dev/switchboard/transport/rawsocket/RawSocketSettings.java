package dev.switchboard.transport.rawsocket;

import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.tls.TlsSettings;
import dev.switchboard.transport.jetty.ListenerThreads;

/**
 * The validated, immutable settings of one listener. Built from {@link RawSocketTransportConfig}; the constructor
 * rejects invalid values with an {@link IllegalArgumentException} naming the configuration property.
 *
 * @param unixSocket       path of the Unix domain socket as configured, {@code ""} for none
 * @param maxMessageSize   a power of two in 512..16 MiB: exactly what the handshake reply announces
 * @param idleTimeout      {@link Duration#ZERO} for no idle timeout
 * @param pingInterval     {@link Duration#ZERO} for no PING
 * @param closeTimeout     how long a close this side started may wait for queued frames to drain and for the peer
 *                         to close its end before the connection is dropped (not configurable: a peer that never
 *                         reads must not hold a connection forever)
 * @param tls              TLS on the TCP listener ({@code rawsocket+tls://}), {@link TlsSettings#DISABLED} for none;
 *                         the Unix domain socket never uses it (its file permissions guard it)
 * @param acceptQueueSize  connections the kernel queues before they are accepted (the listen backlog), on each
 *                         socket; the kernel caps it at {@code net.core.somaxconn}
 * @param maxThreads       the listener's Jetty thread pool at most; {@link ListenerThreads#AUTOMATIC} (0) is replaced
 *                         by {@link ListenerThreads#automaticMaxThreads} for this machine's processors
 */
record RawSocketSettings(
        String name,
        String host,
        int port,
        String unixSocket,
        int maxMessageSize,
        int maxConnections,
        long maxPendingBytes,
        Duration handshakeTimeout,
        Duration idleTimeout,
        Duration pingInterval,
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
    private static final String OWNER = "RawSocket transport";

    RawSocketSettings {
        auth = auth == null ? "" : auth.trim();
        require(name != null && !name.isBlank(), "name", "must not be empty", name);
        require(host != null && !host.isBlank(), "host", "must not be empty", host);
        require(port >= 0 && port <= 65535, "port", "must be between 0 (no TCP listener) and 65535", port);
        unixSocket = unixSocket == null ? "" : unixSocket.trim();
        require(port > 0 || !unixSocket.isEmpty(), "port", "is 0 and 'unixSocket' is empty: nothing to listen on", port);
        require(maxMessageSize >= Handshake.MIN_MAX_LENGTH && maxMessageSize <= Handshake.MAX_MAX_LENGTH,
                "maxMessageSize", "must be between 512 and 16777216 (what the RawSocket handshake can announce)",
                maxMessageSize);
        require(Integer.bitCount(maxMessageSize) == 1, "maxMessageSize", "must be a power of two", maxMessageSize);
        require(maxConnections > 0, "maxConnections", "must be positive", maxConnections);
        require(maxPendingBytes > 0, "maxPendingBytes", "must be positive", maxPendingBytes);
        require(isPositive(handshakeTimeout), "handshakeTimeoutSeconds", "must be positive", handshakeTimeout);
        require(isNotNegative(idleTimeout), "idleTimeoutSeconds", "must not be negative", idleTimeout);
        require(isNotNegative(pingInterval), "pingIntervalSeconds", "must not be negative", pingInterval);
        require(isPositive(closeTimeout), "closeTimeout", "must be positive", closeTimeout);
        tls = tls == null ? TlsSettings.DISABLED : tls;
        require(port > 0 || !tls.enabled(), "port", "is 0 but TLS is configured, which applies to the TCP listener only",
                port);
        require(acceptQueueSize >= 1 && acceptQueueSize <= MAX_ACCEPT_QUEUE_SIZE, "acceptQueueSize",
                "must be between 1 and " + MAX_ACCEPT_QUEUE_SIZE, acceptQueueSize);
        String tooFewThreads = ListenerThreads.checkMaxThreads(maxThreads, connectors(port, unixSocket));
        require(tooFewThreads == null, "maxThreads", tooFewThreads, maxThreads);
        maxThreads = ListenerThreads.resolveMaxThreads(maxThreads);
    }

    /** Validates and converts; rounds {@code maxMessageSize} down to the handshake's 2^(9+L) steps. */
    static RawSocketSettings from(RawSocketTransportConfig config) {
        int maxMessageSize = config.maxMessageSize();
        require(maxMessageSize >= Handshake.MIN_MAX_LENGTH && maxMessageSize <= Handshake.MAX_MAX_LENGTH,
                "maxMessageSize", "must be between 512 and 16777216 (what the RawSocket handshake can announce)",
                maxMessageSize);
        require(config.handshakeTimeoutSeconds() > 0, "handshakeTimeoutSeconds", "must be positive",
                config.handshakeTimeoutSeconds());
        require(config.idleTimeoutSeconds() >= 0, "idleTimeoutSeconds", "must not be negative",
                config.idleTimeoutSeconds());
        require(config.pingIntervalSeconds() >= 0, "pingIntervalSeconds", "must not be negative",
                config.pingIntervalSeconds());
        return new RawSocketSettings(config.name(), config.host(), config.port(), config.unixSocket(),
                Integer.highestOneBit(maxMessageSize), config.maxConnections(), config.maxPendingBytes(),
                Duration.ofSeconds(config.handshakeTimeoutSeconds()), Duration.ofSeconds(config.idleTimeoutSeconds()),
                Duration.ofSeconds(config.pingIntervalSeconds()), DEFAULT_CLOSE_TIMEOUT, config.auth(),
                TlsSettings.of(OWNER, config.tlsCertificate(), config.tlsKey(), config.tlsKeyStore(),
                        config.tlsKeyStorePassword(), config.tlsClientCa(), config.tlsClientAuth()),
                config.acceptQueueSize(), config.maxThreads());
    }

    /** {@code L} of the handshake reply. */
    int maxMessageExponent() {
        return Handshake.exponentFor(maxMessageSize);
    }

    boolean hasTcpListener() {
        return port > 0;
    }

    /** Whether the TCP listener speaks TLS ({@code rawsocket+tls://}). */
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

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
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
