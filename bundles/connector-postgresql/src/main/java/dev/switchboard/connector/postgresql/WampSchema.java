package dev.switchboard.connector.postgresql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Installs and upgrades the {@code wamp} schema (the outbox behind {@code wamp.publish}): idempotent, versioned
 * ({@code wamp.schema_version}), in one transaction under an advisory lock so that connectors starting together
 * do not race. Each version is a script {@code wamp-schema-vN.sql} next to this class, applied once, in order.
 *
 * <p>The DDL event trigger that tells connectors about changed functions needs a superuser to be created; when the
 * connector's role is not one, it is left out (a DBA can create it later, see the README) and functions are picked
 * up on reconnect or through the connector's refresh procedure.
 */
final class WampSchema {
    static final int LATEST_VERSION = 1;
    static final String OUTBOX_CHANNEL = "wamp_outbox";
    static final String DDL_CHANNEL = "wamp_ddl";

    /** What an install found or did. */
    record Installed(int version, boolean ddlNotifications) {}

    private WampSchema() {}

    /**
     * Brings the schema to {@link #LATEST_VERSION} and makes sure {@code connectorId} has a delivery cursor. A new
     * cursor starts where the slowest existing one is (0 on a fresh outbox), so a renamed connector neither replays
     * what was delivered nor skips what was not.
     */
    static Installed install(Connection connection, String connectorId) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(2003133808, 0)");
            // Checked first, so that a role without CREATE on the database can use a schema a DBA installed
            if (!exists(s, "SELECT 1 FROM pg_namespace WHERE nspname = 'wamp'")) {
                s.execute("CREATE SCHEMA wamp");
            }
            if (!exists(s, "SELECT 1 WHERE to_regclass('wamp.schema_version') IS NOT NULL")) {
                s.execute("CREATE TABLE wamp.schema_version (version integer PRIMARY KEY, "
                        + "installed_at timestamptz NOT NULL DEFAULT now())");
            }
            int version = currentVersion(s);
            for (int next = version + 1; next <= LATEST_VERSION; next++) {
                s.execute(script(next));
                s.execute("INSERT INTO wamp.schema_version (version) VALUES (" + next + ")");
                version = next;
            }
            boolean ddl = installDdlTrigger(s);
            ensureCursor(connection, connectorId);
            connection.commit();
            return new Installed(version, ddl);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int currentVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM wamp.schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The event trigger, when missing and when this role may create it (a superuser). */
    private static boolean installDdlTrigger(Statement s) throws SQLException {
        if (exists(s, "SELECT 1 FROM pg_event_trigger WHERE evtname = 'wamp_notify_ddl'")) {
            return true;
        }
        if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper")) {
            return false;
        }
        s.execute("CREATE EVENT TRIGGER wamp_notify_ddl ON ddl_command_end EXECUTE FUNCTION wamp.notify_ddl()");
        return true;
    }

    private static void ensureCursor(Connection connection, String connectorId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO wamp.outbox_cursor (connector, last_seq) "
                        + "SELECT ?, coalesce(min(last_seq), 0) FROM wamp.outbox_cursor "
                        + "ON CONFLICT (connector) DO NOTHING")) {
            insert.setString(1, connectorId);
            insert.executeUpdate();
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    static String script(int version) {
        String name = "wamp-schema-v" + version + ".sql";
        try (InputStream in = WampSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
