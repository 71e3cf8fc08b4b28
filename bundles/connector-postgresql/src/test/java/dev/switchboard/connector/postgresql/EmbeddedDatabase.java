package dev.switchboard.connector.postgresql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One real PostgreSQL (zonky's embedded binaries from Maven Central, 18.x for linux-amd64) for the whole test JVM,
 * on 127.0.0.1 and a free port; each test class gets a database of its own. Binaries are unpacked once into the
 * temp directory and reused by later runs (and work offline). Its output goes to {@code target/embedded-pg/}.
 * Zonky's shutdown hook stops it when the JVM ends; {@link #stop()} and {@link #start()} restart it on the same port
 * and data for the outage tests.
 */
final class EmbeddedDatabase {
    private static final Path HOME = Path.of("target", "embedded-pg").toAbsolutePath();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedDatabase instance;

    private final EmbeddedPostgres.Builder builder;
    private final int port;
    private EmbeddedPostgres server;

    private EmbeddedDatabase() throws IOException {
        deleteStaleDataDirectories();
        port = freePort();
        File log = HOME.resolve("postgres.log").toFile();
        builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(HOME.resolve("data-" + UUID.randomUUID()))
                .setCleanDataDirectory(false) // kept across stop() and start(); deleted by the next run
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("full_page_writes", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log));
        server = builder.start();
    }

    static synchronized EmbeddedDatabase get() {
        if (instance == null) {
            try {
                Files.createDirectories(HOME);
                instance = new EmbeddedDatabase();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return instance;
    }

    /** A new, empty database; returns its JDBC URL (user postgres, a superuser, no password). */
    String createDatabase(String prefix) {
        String name = prefix.toLowerCase() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return jdbcUrl(name);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Runs SQL (several statements allowed) in autocommit. */
    static void execute(String jdbcUrl, String sql) {
        try (Connection c = connect(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (fast mode: sessions are disconnected), keeping its data. */
    synchronized void stop() throws IOException {
        server.close();
        server = null;
    }

    /** Starts it again on the same port with the same data. */
    synchronized void start() throws IOException {
        server = builder.start();
    }

    /** For clean-up after a failed test: the next test class needs a running server. */
    synchronized void startIfStopped() throws IOException {
        if (server == null) {
            start();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteStaleDataDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(HOME)) {
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
