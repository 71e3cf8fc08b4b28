package dev.switchboard.itest.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (zonky's embedded binaries from Maven Central, linux-amd64, as bundles/connector-postgresql's
 * tests use them) on 127.0.0.1 and a free port, with its data under {@code target/e2e/postgres/data-<uuid>} and its
 * output in {@code target/postgres.log}. Clients other than the superuser {@code postgres} log in with a password
 * (scram-sha-256 in pg_hba.conf), so that a connector's {@code password_env} is really used. {@link #stop()} and
 * {@link #start()} restart it on the same port and data; {@link #close()} stops it for good, and a JVM shutdown hook
 * stops whatever is still running (zonky's own hook does too).
 */
final class PostgresServer implements AutoCloseable {

    private static final Set<PostgresServer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(PostgresServer::close),
                "e2e-postgres-reaper"));
    }

    private final EmbeddedPostgres.Builder builder;
    private final int port;
    private EmbeddedPostgres server;

    private PostgresServer() throws IOException {
        Path home = E2e.workDir().resolve("postgres");
        Files.createDirectories(home);
        deleteStaleDataDirectories(home);
        port = NodeProcess.freePort();
        Path log = E2e.logDir().resolve("postgres.log");
        builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(home.resolve("data-" + UUID.randomUUID()))
                .setCleanDataDirectory(false) // kept across stop() and start(); deleted by the next run
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("full_page_writes", "off")
                .setDataDirectoryCustomizer(data -> passwordsForOthers(data.toPath()))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        server = builder.start();
        LIVE.add(this);
    }

    static PostgresServer start(String what) {
        try {
            return new PostgresServer();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("cannot start the embedded PostgreSQL for " + what + " (see "
                    + E2e.logDir().resolve("postgres.log") + ")", e);
        }
    }

    /** The superuser (trusted, no password) on 127.0.0.1 only; everybody else with a password. */
    private static void passwordsForOthers(Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), """
                    # written by PostgresServer (itest/e2e)
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** JDBC URL of a database, without credentials. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Runs SQL (several statements allowed) in autocommit as the superuser. */
    void execute(String database, String sql) {
        execute(database, "postgres", null, sql);
    }

    void execute(String database, String user, String password, String sql) {
        try (Connection c = connect(database, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + " as " + user + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (pg_ctl's fast mode: sessions are disconnected, committed data kept). */
    synchronized void stop() throws IOException {
        if (server != null) {
            EmbeddedPostgres running = server;
            server = null;
            running.close();
        }
    }

    /** Starts it again on the same port with the same data. */
    synchronized void start() throws IOException {
        if (server == null) {
            server = builder.start();
        }
    }

    /** Stops it for good; never throws, for finally blocks and the reaper. */
    @Override
    public synchronized void close() {
        LIVE.remove(this);
        try {
            stop();
        } catch (IOException | RuntimeException e) {
            System.err.println("embedded PostgreSQL on port " + port + ": " + e.getMessage());
        }
    }

    private static void deleteStaleDataDirectories(Path home) throws IOException {
        try (Stream<Path> dirs = Files.list(home)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("data-")).toList()) {
                if (Files.exists(dir.resolve("postmaster.pid"))) {
                    continue; // a server of a run that is still going (or was killed): leave it to zonky's clean-up
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
