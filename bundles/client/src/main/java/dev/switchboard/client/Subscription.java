package dev.switchboard.client;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One handler subscribed by this session. Subscribing twice to the same topic and match policy shares one router
 * subscription (same {@link #id()}); each handler is unsubscribed on its own, and the router is told when the last
 * one goes.
 */
@ProviderType
public interface Subscription {

    /** The router's subscription id. */
    long id();

    /** The topic URI or pattern as subscribed. */
    String topic();

    /** Whether events still reach the handler. */
    boolean isActive();

    /**
     * Stops events to this handler at once; completes when the router confirmed the UNSUBSCRIBE (if this was the
     * last handler), fails with {@link WampException} if it refused, and completes at once if already gone.
     */
    CompletableFuture<Void> unsubscribe();
}
