package dev.switchboard.connector.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the connector meets PostgreSQL's driver: the data source (made directly from pgjdbc's classes, so that no
 * DriverManager or class-loader lookup is needed inside OSGi), the HikariCP pool for calls, and LISTEN/NOTIFY for
 * the listener's own connection. The PostgreSQL-specific pieces of the connector are here, in
 * {@link FunctionCatalog}, {@link ArgumentBinder} (call syntax), {@link WampSchema} and the outbox SQL.
 */
final class PostgresDatabase implements AutoCloseable {
    private final PGSimpleDataSource direct;
    private final HikariDataSource pool;

    private PostgresDatabase(PGSimpleDataSource direct, HikariDataSource pool) {
        this.direct = direct;
        this.pool = pool;
    }

    /**
     * Creates the pool without connecting ({@code initializationFailTimeout = -1}): the connector starts, and its
     * calls fail fast with {@code switchboard.db.unavailable}, while the database is down.
     */
    static PostgresDatabase open(ConnectorSettings settings) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(settings.jdbcUrl());
        if (settings.user() != null) {
            ds.setUser(settings.user());
        }
        if (settings.password() != null) {
            ds.setPassword(settings.password());
        }
        int connectSeconds = (int) Math.max(1, settings.connectTimeout().toSeconds());
        ds.setConnectTimeout(connectSeconds);
        ds.setLoginTimeout(connectSeconds);
        // A statement that outlives its server-side timeout by this much means the network, not the query, hangs
        ds.setSocketTimeout((int) settings.statementTimeout().toSeconds() + 30);
        ds.setTcpKeepAlive(true);
        ds.setApplicationName("switchboard-" + settings.id());

        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-pg-" + settings.id());
        config.setDataSource(ds);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(1, settings.poolSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 5000));
        config.setInitializationFailTimeout(-1);
        config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        return new PostgresDatabase(ds, new HikariDataSource(config));
    }

    /** The pool, for calls and event functions. */
    DataSource pool() {
        return pool;
    }

    /** A connection of its own, outside the pool (the listener's). */
    Connection openDirect() throws SQLException {
        Connection c = direct.getConnection();
        c.setAutoCommit(true);
        return c;
    }

    void listen(Connection c, String channel) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + channel); // channel names are constants, never configuration
        }
    }

    /** Waits up to {@code millis} for notifications; returns their channels (empty after the wait). */
    List<String> waitForNotifications(Connection c, int millis) throws SQLException {
        PGNotification[] notifications = c.unwrap(PGConnection.class).getNotifications(millis);
        List<String> channels = new ArrayList<>();
        if (notifications != null) {
            for (PGNotification n : notifications) {
                channels.add(n.getName());
            }
        }
        return channels;
    }

    /** A round trip, so that a silently dead connection is noticed. */
    void ping(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
    }

    static boolean hasDdlTrigger(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM pg_event_trigger WHERE evtname = 'wamp_notify_ddl'")) {
            return rs.next();
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + pool.getPoolName() + "]";
    }
}
