package dev.switchboard.client;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/** A procedure registered by this session. */
@ProviderType
public interface Registration {

    /** The router's registration id. */
    long id();

    /** The procedure URI or pattern as registered. */
    String procedure();

    /** Whether the registration still routes invocations to this session. */
    boolean isActive();

    /**
     * Ends the registration (UNREGISTER). Completes when the router confirmed; fails with {@link WampException}
     * if it refused, and completes at once if the registration is already gone (e.g. the session ended).
     */
    CompletableFuture<Void> unregister();
}
