package dev.switchboard.client.internal;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code WampConnector.join}: opens a connection, joins, tells the listener, and with a reconnect policy does
 * it again after failures and losses, with back-off. State and listener callbacks are confined to one lane, so
 * the listener hears about each session in order. Registrations and subscriptions are not re-established: the
 * listener does that in {@code onJoin}, where it sees the new session.
 */
final class JoinLoop implements SessionOwner {
    private static final Logger LOG = LoggerFactory.getLogger(JoinLoop.class);

    private final String realm;
    private final JoinOptions options;
    private final SessionListener listener;
    private final TransportFactory transports;
    private final ReconnectPolicy policy;
    private final ClientRuntime runtime;
    private final ClientSession.Timeouts timeouts;
    private final Consumer<JoinLoop> finished;
    private final SerialExecutor lane;
    private final CompletableFuture<WampSession> firstJoin = new CompletableFuture<>();

    // Lane-confined.
    private boolean stopped;
    private ClientSession current;
    private int failuresInARow;
    private ScheduledFuture<?> retry;

    JoinLoop(String realm, JoinOptions options, SessionListener listener, TransportFactory transports,
            ReconnectPolicy policy, ClientRuntime runtime, ClientSession.Timeouts timeouts, Consumer<JoinLoop> finished) {
        this.realm = realm;
        this.options = options;
        this.listener = listener;
        this.transports = transports;
        this.policy = policy;
        this.runtime = runtime;
        this.timeouts = timeouts;
        this.finished = finished;
        this.lane = runtime.newSerialExecutor("join " + realm);
    }

    CompletableFuture<WampSession> start() {
        lane.execute(this::attempt);
        return firstJoin;
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        ClientSession session = new ClientSession(realm, options, runtime, this, timeouts);
        current = session;
        runtime.execute(() -> connect(session)); // may block on the network: not on the lane
    }

    private void connect(ClientSession session) {
        try {
            session.open(transports.open(session, session.actor()));
        } catch (Exception e) {
            joinFailed(session, e);
        }
    }

    @Override
    public void joined(ClientSession session) {
        lane.execute(() -> {
            if (stopped || session != current) {
                session.goodbye();
                return;
            }
            failuresInARow = 0;
            notifyListener("onJoin", () -> listener.onJoin(session));
            firstJoin.complete(session);
        });
    }

    @Override
    public void joinFailed(ClientSession session, Throwable cause) {
        lane.execute(() -> {
            if (session != current) {
                return;
            }
            current = null;
            failuresInARow++;
            boolean retrying = !stopped && isTransient(cause) && policy.allowsRetry(failuresInARow);
            LOG.info("Joining realm '{}' failed{}: {}", realm, retrying ? " (will retry)" : "", cause.toString());
            notifyListener("onJoinFailed", () -> listener.onJoinFailed(cause, retrying));
            if (retrying) {
                scheduleAttempt(failuresInARow - 1);
            } else {
                finish(cause);
            }
        });
    }

    /** ABORT and other refusals are answers, not accidents: trying again would get the same answer. */
    private static boolean isTransient(Throwable cause) {
        return !(cause instanceof WampException) || cause instanceof SessionClosedException;
    }

    @Override
    public void left(ClientSession session, String reason) {
        lane.execute(() -> notifyListener("onLeave", () -> listener.onLeave(session, reason)));
    }

    @Override
    public void ended(ClientSession session) {
        lane.execute(() -> {
            if (session == current) {
                current = null;
            }
            boolean reconnecting = !stopped && policy.allowsRetry(0);
            notifyListener("onDisconnect", () -> listener.onDisconnect(session, reconnecting));
            if (reconnecting) {
                LOG.info("Session {} on realm '{}' lost: reconnecting", session.id(), realm);
                scheduleAttempt(0);
            } else {
                finish(null);
            }
        });
    }

    @Override
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lane.execute(() -> {
            stopped = true;
            ClientRuntime.cancel(retry);
            ClientSession session = current;
            if (session == null) {
                finish(null);
                done.complete(null);
            } else {
                session.goodbye().whenComplete((v, e) -> done.complete(null));
            }
        });
        return done;
    }

    private void scheduleAttempt(int retryNumber) {
        long delay = policy.delay(retryNumber).toMillis();
        retry = runtime.schedule(() -> lane.execute(this::attempt), delay, TimeUnit.MILLISECONDS);
        if (retry == null) {
            finish(new SessionClosedException(WampErrors.CLOSE_SYSTEM_SHUTDOWN, "the connector stopped"));
        }
    }

    private void finish(Throwable cause) {
        stopped = true;
        firstJoin.completeExceptionally(cause != null ? cause
                : new SessionClosedException(WampErrors.CLOSE_NORMAL, "the join ended before a session opened"));
        finished.accept(this);
    }

    private void notifyListener(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.warn("SessionListener.{} for realm '{}' failed", callback, realm, e);
        }
    }

    @Override
    public String toString() {
        return "JoinLoop[" + realm + ", " + transports + "]";
    }
}
