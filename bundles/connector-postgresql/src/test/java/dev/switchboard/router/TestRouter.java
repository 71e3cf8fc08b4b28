package dev.switchboard.router;

import dev.switchboard.api.router.Router;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real router core without OSGi, for connector tests (a copy of the client module's test router, plus
 * {@link #addRealm(String)}). Lives in the router's package because {@link RouterCore}'s
 * start and realm methods are package-private (a split package is fine on the plain test classpath). Realm actors
 * run on their own named threads, as in production, so tests can tell them from client threads.
 */
public final class TestRouter implements AutoCloseable {
    /** Prefix of the router's realm threads. */
    public static final String REALM_THREAD_PREFIX = "test-router-realm-";

    private final RouterCore core = new RouterCore();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public TestRouter(String... realms) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService realmPool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, REALM_THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        core.start(realmPool, "Switchboard/test");
        for (String realm : realms) {
            core.addRealm(realm, false);
        }
    }

    public Router router() {
        return core;
    }

    /** Sessions currently joined to {@code realm}. */
    public int sessionCount(String realm) {
        return core.realm(realm).sessionCount();
    }

    /** Adds a realm while the router runs (as a new realm configuration would). */
    public void addRealm(String realm) {
        core.addRealm(realm, false);
    }

    /** Removes a realm: its sessions get GOODBYE wamp.close.close_realm. */
    public void removeRealm(String realm) {
        core.removeRealm(core.realm(realm));
    }

    /** Graceful shutdown, as in the framework: GOODBYE to every session, then the threads stop. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            core.deactivate();
        }
    }
}
