package dev.switchboard.connector.postgresql;

import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.Procedure;
import dev.switchboard.client.Result;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampConnector;
import dev.switchboard.client.WampSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL connector, without OSGi (the DS component {@link PostgresConnectorComponent} only builds and
 * stops it, and tests use it directly): joins the realm through a {@link WampConnector}, registers the configured
 * functions, delivers the outbox, and hands subscribed events to SQL.
 *
 * <p>Threads: a control actor (one thread) owns the session and its registrations and re-reads the catalog; a
 * bounded pool of {@code poolSize} threads runs calls; the {@link DatabaseListener} thread owns the LISTEN
 * connection and the outbox. Nothing here runs on the router's threads.
 */
final class PostgresConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresConnector.class);
    private static final long LEAVE_GRACE_SECONDS = 2;

    private final ConnectorSettings settings;
    private final WampConnector wamp;
    private final ConnectorStats stats = new ConnectorStats();
    private final ScheduledThreadPoolExecutor actor;
    private final ThreadPoolExecutor calls;
    private final ProcedureRegistrations registrations;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Backoff joinBackoff;
    private volatile FunctionCatalog.View view = FunctionCatalog.View.EMPTY;
    private volatile WampSession session;
    private volatile boolean closing;
    private PostgresDatabase database;
    private DatabaseListener listener;
    private FunctionInvoker invoker;
    private EventSink sink;
    private boolean joinFailureLogged;

    PostgresConnector(ConnectorSettings settings, WampConnector wamp) {
        this.settings = settings;
        this.wamp = wamp;
        this.actor = new ScheduledThreadPoolExecutor(1, named("control", new AtomicInteger()));
        this.actor.setRemoveOnCancelPolicy(true);
        this.actor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a pending re-join must not delay close
        this.calls = new ThreadPoolExecutor(settings.poolSize(), settings.poolSize(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.maxQueuedCalls()), named("call", new AtomicInteger()));
        this.calls.allowCoreThreadTimeOut(true);
        this.registrations = new ProcedureRegistrations(settings.id(), actor, this::procedure);
        this.joinBackoff = new Backoff(settings.reconnectInitialDelay(), settings.reconnectMaxDelay());
    }

    /** Creates the pool (without connecting), starts the listener and joins the realm; returns at once. */
    PostgresConnector start() throws SQLException {
        database = PostgresDatabase.open(settings);
        invoker = new FunctionInvoker(settings, database.pool(), calls, uri -> view.byProcedure().get(uri), stats);
        listener = new DatabaseListener(settings, database, () -> session, new ListenerEvents(), stats);
        sink = new EventSink(settings, database.pool(), listener::isConnected, stats);
        LOG.info("PostgreSQL connector {} starting: {} on realm {}, {} procedure source(s), {} subscription(s), "
                + "outbox {}", settings.id(), settings.jdbcUrlForLogs(), settings.realm(),
                settings.procedures().size(), settings.subscriptions().size(), settings.outbox() ? "on" : "off");
        listener.start();
        actor.execute(this::join);
        return this;
    }

    // --- the session (control actor) ---

    private void join() {
        if (closing) {
            return;
        }
        JoinOptions options = JoinOptions.defaults().withAuthrole(settings.authrole());
        wamp.join(settings.realm(), new Sessions(), options).whenComplete((s, error) -> {
            if (error != null) {
                post(() -> joinFailed(error));
            }
        });
    }

    private void joinFailed(Throwable error) {
        if (!joinFailureLogged && !closing) {
            LOG.warn("{}: cannot join realm {} ({}); retrying with back-off", settings.id(), settings.realm(),
                    error.getMessage());
            joinFailureLogged = true; // once per outage: the realm may stay away for long
        }
        scheduleJoin();
    }

    private void scheduleJoin() {
        if (!closing) {
            actor.schedule(this::join, joinBackoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Follows the sessions of the join; hands every callback to the control actor. */
    private final class Sessions implements SessionListener {
        @Override
        public void onJoin(WampSession s) {
            if (!post(() -> joined(s))) {
                s.leave(); // closed while the router answered
            }
        }

        @Override
        public void onDisconnect(WampSession s, boolean willReconnect) {
            post(() -> {
                if (session == s) {
                    session = null;
                }
                registrations.sessionGone(s);
                if (!willReconnect && !closing) {
                    LOG.warn("{}: session on realm {} ended; joining again", settings.id(), settings.realm());
                    joinFailureLogged = true; // just said so
                    scheduleJoin();
                }
            });
        }
    }

    /** Runs {@code task} on the control actor; {@code false} when the connector is closed. */
    private boolean post(Runnable task) {
        try {
            actor.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    private void joined(WampSession s) {
        if (closing) {
            s.leave();
            return;
        }
        session = s;
        joinBackoff.reset();
        joinFailureLogged = false;
        LOG.info("{}: joined realm {} as session {}", settings.id(), settings.realm(), s.id());
        registrations.sessionJoined(s);
        s.register(settings.refreshProcedure(), refreshProcedure()).whenComplete((r, error) -> {
            if (error != null) {
                LOG.warn("{}: cannot register {}: {}", settings.id(), settings.refreshProcedure(),
                        error.getMessage());
            }
        });
        sink.subscribeAll(s);
        listener.requestDrain();
    }

    private Procedure procedure(String uri) {
        return invocation -> invoker.invoke(uri, invocation);
    }

    // --- the catalog (control actor) ---

    /** Re-reads the catalog soon; requests made while one is queued share it. */
    private void requestRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            actor.execute(() -> {
                refreshQueued.set(false);
                try {
                    refreshNow();
                } catch (SQLException e) {
                    LOG.warn("{}: cannot read the function catalog: {}", settings.id(), e.getMessage());
                }
            });
        }
    }

    /** Reads the catalog and syncs registrations; on the control actor. */
    private ProcedureRegistrations.Changes refreshNow() throws SQLException {
        FunctionCatalog.View next;
        try (Connection c = database.pool().getConnection()) {
            next = FunctionCatalog.read(c, settings.procedures());
        }
        FunctionCatalog.View previous = view;
        view = next;
        stats.refreshed();
        if (!next.skipped().isEmpty() && !next.skipped().equals(previous.skipped())) {
            LOG.info("{}: functions not exposed: {}", settings.id(), String.join("; ", next.skipped()));
        }
        ProcedureRegistrations.Changes changes = registrations.sync(next.byProcedure().keySet());
        if (!changes.added().isEmpty() || !changes.removed().isEmpty()) {
            LOG.info("{}: {} procedure(s); added {}, removed {}", settings.id(), next.byProcedure().size(),
                    changes.added(), changes.removed());
        }
        return changes;
    }

    /** The meta procedure: re-reads the catalog and answers with what changed. */
    private Procedure refreshProcedure() {
        return invocation -> {
            CompletableFuture<Result> answer = new CompletableFuture<>();
            actor.execute(() -> {
                try {
                    ProcedureRegistrations.Changes changes = refreshNow();
                    Map<String, Object> kwargs = new LinkedHashMap<>();
                    kwargs.put("procedures", List.copyOf(view.byProcedure().keySet()));
                    kwargs.put("added", changes.added());
                    kwargs.put("removed", changes.removed());
                    kwargs.put("skipped", view.skipped());
                    answer.complete(Result.ofKwargs(kwargs));
                } catch (SQLException e) {
                    answer.completeExceptionally(SqlErrors.toWamp(e, settings.errorUris()));
                }
            });
            return answer;
        };
    }

    private final class ListenerEvents implements DatabaseListener.Events {
        private boolean everConnected;

        @Override
        public void databaseUp(boolean ddlNotifications) {
            stats.databaseConnected();
            if (!everConnected) {
                LOG.info("{}: connected to {}; function changes are picked up {}", settings.id(),
                        settings.jdbcUrlForLogs(), ddlNotifications ? "at once (DDL event trigger)"
                                : "on reconnect and by calling " + settings.refreshProcedure()
                                        + " (no DDL event trigger: it needs a superuser to create)");
                everConnected = true;
            } else {
                LOG.info("{}: database connection restored", settings.id());
            }
            requestRefresh(); // functions may have changed while we were away
        }

        @Override
        public void databaseDown(SQLException cause) {
            // logged by the listener; calls fail with switchboard.db.unavailable meanwhile
        }

        @Override
        public void functionsMayHaveChanged() {
            requestRefresh();
        }
    }

    // --- for operators and tests ---

    ConnectorStats stats() {
        return stats;
    }

    FunctionCatalog.View catalog() {
        return view;
    }

    WampSession session() {
        return session;
    }

    boolean isDatabaseConnected() {
        return listener != null && listener.isConnected();
    }

    /** Leaves the realm, stops the listener and the calls, closes the pool. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        WampSession s = session;
        if (s != null) {
            try {
                s.leave().get(LEAVE_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                LOG.debug("{}: leave: {}", settings.id(), e.getMessage());
            }
        }
        if (listener != null) {
            listener.stop();
        }
        calls.shutdown();
        actor.shutdown();
        try {
            if (!calls.awaitTermination(LEAVE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                calls.shutdownNow();
            }
            actor.awaitTermination(LEAVE_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (database != null) {
            database.close();
        }
        LOG.info("PostgreSQL connector {} stopped: {}", settings.id(), stats);
    }

    private java.util.concurrent.ThreadFactory named(String role, AtomicInteger counter) {
        return r -> {
            Thread t = new Thread(r, "switchboard-pg-" + settings.id() + "-" + role + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "PostgresConnector[" + settings.id() + ", realm=" + settings.realm() + ", session="
                + (session == null ? "none" : session.id()) + ", " + registrations + ", " + listener + ", " + stats
                + "]";
    }
}
