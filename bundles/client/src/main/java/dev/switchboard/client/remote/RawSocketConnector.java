package dev.switchboard.client.remote;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampConnector;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.ClientTransport;
import dev.switchboard.client.internal.Joins;
import dev.switchboard.client.internal.TransportHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Joins a router in another process over RawSocket. Used by {@link RemoteConnectorComponent} in OSGi, and as a
 * plain object elsewhere:
 * <pre>{@code
 * RawSocketConnector connector = new RawSocketConnector(
 *         RawSocketConnectorSettings.of("tool", "rawsocket://127.0.0.1:8081"), new JsonSerializer());
 * connector.start();
 * WampSession session = connector.join("realm1", SessionListener.NONE).get();
 * ...
 * connector.close();
 * }</pre>
 */
public final class RawSocketConnector implements WampConnector, AutoCloseable {
    private static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    private final RawSocketConnectorSettings settings;
    private final Supplier<List<Serializer>> serializers;
    private volatile Joins joins;

    /** @param serializers the serializers available now; asked again at every connection attempt */
    public RawSocketConnector(RawSocketConnectorSettings settings, Supplier<List<Serializer>> serializers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.serializers = Objects.requireNonNull(serializers, "serializers");
    }

    /** With one serializer, which is used whatever {@link RawSocketConnectorSettings#serializer()} says. */
    public RawSocketConnector(RawSocketConnectorSettings settings, Serializer serializer) {
        this(settings.withSerializer(serializer.name()), () -> List.of(serializer));
    }

    public synchronized RawSocketConnector start() {
        if (joins == null) {
            joins = new Joins(settings.name());
        }
        return this;
    }

    @Override
    public CompletableFuture<WampSession> join(String realm, SessionListener listener, JoinOptions options) {
        Joins current = joins;
        if (current == null) {
            throw new IllegalStateException("RawSocketConnector '" + settings.name() + "' is not started");
        }
        return current.join(realm, listener, options, this::open, settings.reconnect());
    }

    private ClientTransport open(TransportHandler handler, Executor sessionActor) throws IOException {
        return RawSocketClientTransport.connect(settings.address(), serializer(), settings.maxMessageSize(),
                settings.connectTimeout(), handler);
    }

    /** An IOException when missing, so that the join retries: in OSGi the serializer bundle may come later. */
    private Serializer serializer() throws IOException {
        List<Serializer> available = serializers.get();
        for (Serializer s : available) {
            if (s.name().equals(settings.serializer())) {
                return s;
            }
        }
        throw new IOException("no serializer named '" + settings.serializer() + "' is available (have: "
                + available.stream().map(Serializer::name).toList() + ")");
    }

    public RawSocketConnectorSettings settings() {
        return settings;
    }

    /** Leaves every session with GOODBYE (waiting briefly for the router) and stops reconnecting. */
    @Override
    public synchronized void close() {
        if (joins != null) {
            joins.close(LEAVE_GRACE);
            joins = null;
        }
    }

    @Override
    public String toString() {
        return "RawSocketConnector[" + settings.name() + ", " + settings.address() + ", " + settings.serializer()
                + "]";
    }
}
