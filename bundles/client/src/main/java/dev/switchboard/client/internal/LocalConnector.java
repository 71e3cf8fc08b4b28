package dev.switchboard.client.internal;

import dev.switchboard.api.router.Router;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampConnector;
import dev.switchboard.client.WampSession;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Joins the router in the same framework: no socket, no serializer; messages are handed over as objects. There is
 * nothing to reconnect to: when the router goes, this connector goes with it (static reference) and its sessions
 * end. Usable without OSGi: {@code new LocalConnector(router)}, then {@link #close()}.
 */
@Component(service = WampConnector.class, property = WampConnector.CONNECTOR_PROPERTY + "=local")
public final class LocalConnector implements WampConnector {
    /** How long deactivation waits for the router to answer the sessions' GOODBYEs. */
    private static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    private final Router router;
    private final Joins joins = new Joins("local");

    @Activate
    public LocalConnector(@Reference(name = "router") Router router) {
        this.router = router;
    }

    @Override
    public CompletableFuture<WampSession> join(String realm, SessionListener listener, JoinOptions options) {
        return joins.join(realm, listener, options, this::open, ReconnectPolicy.NEVER);
    }

    private ClientTransport open(TransportHandler handler, Executor sessionActor) {
        return LocalTransport.open(router, handler, sessionActor);
    }

    /** Leaves every session, then stops the connector's threads. */
    @Deactivate
    public void close() {
        joins.close(LEAVE_GRACE);
    }

    @Override
    public String toString() {
        return "LocalConnector[" + joins + "]";
    }
}
