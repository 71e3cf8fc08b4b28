package dev.switchboard.client.testing;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampConnector;
import dev.switchboard.client.WampSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connectors with the behaviour of a remote one, built on the in-process connector: for components' tests (the demo
 * components use them through this module's test jar).
 */
public final class TestConnectors {
    private TestConnectors() {}

    /**
     * Joins again when a session is closed by anything but its own leave (a kill, a lost connection), as a
     * reconnecting remote connector does: the listener sees {@code onDisconnect(willReconnect = true)} and then
     * {@code onJoin} with a new session.
     */
    public static final class Rejoining implements WampConnector {
        private final WampConnector local;

        public Rejoining(WampConnector local) {
            this.local = local;
        }

        @Override
        public CompletableFuture<WampSession> join(String realm, SessionListener listener, JoinOptions options) {
            return local.join(realm, new SessionListener() {
                private volatile String leaveReason;

                @Override
                public void onJoin(WampSession session) {
                    leaveReason = null;
                    listener.onJoin(session);
                }

                @Override
                public void onLeave(WampSession session, String reason) {
                    leaveReason = reason;
                    listener.onLeave(session, reason);
                }

                @Override
                public void onDisconnect(WampSession session, boolean willReconnect) {
                    boolean rejoin = !WampErrors.CLOSE_GOODBYE_AND_OUT.equals(leaveReason);
                    listener.onDisconnect(session, rejoin);
                    if (rejoin) {
                        local.join(realm, this, options);
                    }
                }
            }, options);
        }
    }

    /** Holds every join until {@link #release()}, like a remote connector whose router is not reachable yet. */
    public static final class Deferred implements WampConnector {
        private final WampConnector local;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicReference<CompletableFuture<WampSession>> joined = new AtomicReference<>();

        public Deferred(WampConnector local) {
            this.local = local;
        }

        @Override
        public CompletableFuture<WampSession> join(String realm, SessionListener listener, JoinOptions options) {
            CompletableFuture<WampSession> result = new CompletableFuture<>();
            joined.set(result);
            CompletableFuture.runAsync(() -> {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                local.join(realm, listener, options).whenComplete((s, e) -> {
                    if (e == null) {
                        result.complete(s);
                    } else {
                        result.completeExceptionally(e);
                    }
                });
            });
            return result;
        }

        public void release() {
            released.countDown();
        }

        /** The first session of the last join, once it opened. */
        public CompletableFuture<WampSession> joined() {
            return joined.get();
        }
    }
}
