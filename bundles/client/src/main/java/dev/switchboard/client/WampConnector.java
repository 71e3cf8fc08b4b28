package dev.switchboard.client;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens WAMP sessions. Registered as an OSGi service with the property {@value #CONNECTOR_PROPERTY}:
 * {@code local} for the in-process connector, the configured name for remote ones. A component references one
 * (e.g. {@code @Reference(target = "(switchboard.connector=local)")}), joins in its activate method and leaves in
 * its deactivate method (DS annotations left out of this sketch):
 * <pre>{@code
 * // a DS component with a static reference: connector, target "(switchboard.connector=local)"
 * void activate() {
 *     connector.join("realm1", s -> s.register("com.example.greet",
 *             Procedure.sync(inv -> Result.of("hello " + inv.arg(0)))))
 *         .thenAccept(s -> session = s);
 * }
 *
 * void deactivate() {
 *     if (session != null) {
 *         session.leave();
 *     }
 * }
 * }</pre>
 * Registering in {@code onJoin} (the lambda above) rather than after the future completes means a reconnecting
 * connector's new sessions get the registration too.
 */
@ProviderType
public interface WampConnector {

    /** Service property naming the connector. */
    String CONNECTOR_PROPERTY = "switchboard.connector";

    /** {@link #join(String, SessionListener, JoinOptions)} with default options. */
    default CompletableFuture<WampSession> join(String realm, SessionListener listener) {
        return join(realm, listener, JoinOptions.defaults());
    }

    /**
     * Joins {@code realm}. The future completes with the first session (after {@code listener.onJoin}). It fails
     * with a {@link WampException} when the router refuses (ABORT, e.g. {@code wamp.error.no_such_realm}), and with
     * the connection's exception (e.g. an {@link java.io.IOException}) when the connection cannot be made and the
     * connector does not retry (any more). A reconnecting connector keeps the join alive
     * until {@link WampSession#leave()} or until the connector itself stops, telling {@code listener} about every
     * session.
     *
     * @param listener {@code null} for {@link SessionListener#NONE}
     */
    CompletableFuture<WampSession> join(String realm, SessionListener listener, JoinOptions options);
}
