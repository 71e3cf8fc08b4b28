package dev.switchboard.connector.postgresql;

import dev.switchboard.client.WampSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's own thread with its own database connection (outside the pool, as it LISTENs for good): installs
 * the wamp schema, waits for NOTIFY wake-ups, delivers the outbox and cleans it up, and tells the connector when the
 * database comes back and when functions may have changed (DDL notifications). When the connection breaks it
 * reconnects with back-off, forever, until stopped; every reconnect reads the outbox cursor again and delivers what
 * was committed in the meantime.
 *
 * <p>It never blocks for long on anything but the database socket: it waits for notifications in short slices, so
 * that a new session or {@link #stop()} is seen within {@value #WAKE_UP_MILLIS} ms.
 */
final class DatabaseListener implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseListener.class);
    static final int WAKE_UP_MILLIS = 200;

    /** What the listener tells its connector. Called on the listener thread. */
    interface Events {
        /** Connected (again); {@code ddlNotifications} tells whether DDL changes will be notified. */
        void databaseUp(boolean ddlNotifications);

        void databaseDown(SQLException cause);

        /** A DDL notification: functions may have been created, changed or dropped. */
        void functionsMayHaveChanged();
    }

    private final ConnectorSettings settings;
    private final PostgresDatabase database;
    private final Supplier<WampSession> session;
    private final Events events;
    private final OutboxDelivery outbox;
    private final AtomicBoolean drainRequested = new AtomicBoolean(true);
    private volatile boolean stopped;
    private volatile Connection connection;
    private volatile boolean connected;
    private Thread thread;

    DatabaseListener(ConnectorSettings settings, PostgresDatabase database, Supplier<WampSession> session,
            Events events, ConnectorStats stats) {
        this.settings = settings;
        this.database = database;
        this.session = session;
        this.events = events;
        this.outbox = new OutboxDelivery(settings, stats);
    }

    void start() {
        thread = new Thread(this, "switchboard-pg-" + settings.id() + "-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for an outbox pass soon (a new session joined). */
    void requestDrain() {
        drainRequested.set(true);
    }

    boolean isConnected() {
        return connected;
    }

    /** Stops the thread: closing its connection ends a wait on the socket at once. */
    void stop() {
        stopped = true;
        closeQuietly(connection);
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(settings.reconnectInitialDelay(), settings.reconnectMaxDelay());
        boolean reportedDown = false;
        while (!stopped) {
            try (Connection c = database.openDirect()) {
                connection = c;
                outbox.connectionLost(); // the delivery lock, if held, went with the old connection
                boolean ddl = prepare(c);
                connected = true;
                backoff.reset();
                reportedDown = false;
                events.databaseUp(ddl);
                serve(c);
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    break;
                }
                if (connected || !reportedDown) {
                    LOG.warn("{}: database connection lost or refused ({}); reconnecting with back-off",
                            settings.id(), e.getMessage());
                    events.databaseDown(e instanceof SQLException sql ? sql : new SQLException(e));
                    reportedDown = true;
                } else {
                    LOG.debug("{}: still no database: {}", settings.id(), e.getMessage());
                }
                connected = false;
                sleep(backoff.nextDelayMillis());
            } finally {
                connected = false;
                connection = null;
            }
        }
    }

    /** Schema, cursor and LISTEN; returns whether DDL notifications are in place. */
    private boolean prepare(Connection c) throws SQLException {
        boolean ddl;
        if (settings.outbox()) {
            WampSchema.Installed installed = WampSchema.install(c, settings.id());
            ddl = installed.ddlNotifications();
            database.listen(c, WampSchema.OUTBOX_CHANNEL);
        } else {
            ddl = PostgresDatabase.hasDdlTrigger(c);
        }
        database.listen(c, WampSchema.DDL_CHANNEL);
        drainRequested.set(true);
        return ddl;
    }

    /** The loop while connected: returns only by an exception (connection broken) or when stopped. */
    private void serve(Connection c) throws SQLException {
        long nextPoll = 0;
        while (!stopped) {
            long now = System.nanoTime();
            boolean pollDue = now - nextPoll >= 0;
            if (pollDue || drainRequested.getAndSet(false)) {
                if (pollDue) {
                    nextPoll = now + settings.outboxPoll().toNanos();
                    database.ping(c); // liveness even with the outbox switched off
                }
                deliver(c);
            }
            List<String> channels = database.waitForNotifications(c, WAKE_UP_MILLIS);
            if (channels.contains(WampSchema.DDL_CHANNEL)) {
                events.functionsMayHaveChanged();
            }
            if (channels.contains(WampSchema.OUTBOX_CHANNEL)) {
                drainRequested.set(true);
            }
        }
    }

    private void deliver(Connection c) throws SQLException {
        if (!settings.outbox()) {
            return;
        }
        if (!outbox.claim(c)) {
            return;
        }
        WampSession s = session.get();
        if (s != null && s.isOpen()) {
            outbox.drain(c, s);
        }
        outbox.cleanupIfDue(c);
    }

    private void sleep(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!stopped && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(Math.min(WAKE_UP_MILLIS, Math.max(1, deadline - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.trace("close: {}", e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "DatabaseListener[" + settings.id() + ", connected=" + connected + ", " + outbox + "]";
    }
}
