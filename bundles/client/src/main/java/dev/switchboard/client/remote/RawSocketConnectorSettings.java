package dev.switchboard.client.remote;

import dev.switchboard.client.internal.ReconnectPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link RawSocketConnector} connects to and how.
 *
 * @param name           the connector's name, the value of {@code switchboard.connector}
 * @param address        the router's RawSocket listener
 * @param serializer     serializer name: {@code json}, {@code msgpack} or {@code cbor}
 * @param maxMessageSize longest message accepted from the router; rounded down to a power of two (512 B..16 MiB)
 * @param connectTimeout for the TCP connect, the handshake and WELCOME each
 * @param reconnect      back-off for reconnecting, {@link ReconnectPolicy#NEVER} for none
 */
public record RawSocketConnectorSettings(String name, RawSocketAddress address, String serializer,
        int maxMessageSize, Duration connectTimeout, ReconnectPolicy reconnect) {

    public RawSocketConnectorSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("remote connector 'name' must not be empty");
        }
        Objects.requireNonNull(address, "address");
        if (serializer == null || serializer.isBlank()) {
            throw new IllegalArgumentException("remote connector 'serializer' must not be empty");
        }
        if (maxMessageSize < RawSocketFraming.MIN_LENGTH || maxMessageSize > RawSocketFraming.MAX_LENGTH) {
            throw new IllegalArgumentException("remote connector 'maxMessageSize' must be 512..16777216, was "
                    + maxMessageSize);
        }
        maxMessageSize = Integer.highestOneBit(maxMessageSize);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("remote connector 'connectTimeoutMillis' must be positive");
        }
        Objects.requireNonNull(reconnect, "reconnect");
    }

    /** Defaults for tools and tests: JSON, 1 MiB messages, 5 s timeouts, reconnect from 0.5 s up to 30 s. */
    public static RawSocketConnectorSettings of(String name, String url) {
        return new RawSocketConnectorSettings(name, RawSocketAddress.parse(url), "json", 1 << 20,
                Duration.ofSeconds(5), defaultReconnect());
    }

    public static ReconnectPolicy defaultReconnect() {
        return new ReconnectPolicy(true, Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, 0);
    }

    public RawSocketConnectorSettings withSerializer(String serializerName) {
        return new RawSocketConnectorSettings(name, address, serializerName, maxMessageSize, connectTimeout, reconnect);
    }

    public RawSocketConnectorSettings withReconnect(ReconnectPolicy policy) {
        return new RawSocketConnectorSettings(name, address, serializer, maxMessageSize, connectTimeout, policy);
    }

    public RawSocketConnectorSettings withConnectTimeout(Duration timeout) {
        return new RawSocketConnectorSettings(name, address, serializer, maxMessageSize, timeout, reconnect);
    }

    static RawSocketConnectorSettings from(RemoteConnectorConfig config) {
        if (!"rawsocket".equals(config.transport())) {
            throw new IllegalArgumentException("remote connector 'transport' must be rawsocket (the only one "
                    + "implemented), was '" + config.transport() + "'");
        }
        ReconnectPolicy reconnect = new ReconnectPolicy(config.reconnect(),
                Duration.ofMillis(config.reconnectInitialDelayMillis()),
                Duration.ofMillis(config.reconnectMaxDelayMillis()), config.reconnectJitter(),
                config.reconnectMaxAttempts());
        return new RawSocketConnectorSettings(config.name(), RawSocketAddress.parse(config.url()),
                config.serializer(), config.maxMessageSize(), Duration.ofMillis(config.connectTimeoutMillis()),
                reconnect);
    }
}
