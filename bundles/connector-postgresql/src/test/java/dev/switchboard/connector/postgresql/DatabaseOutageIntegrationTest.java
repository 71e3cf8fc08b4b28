package dev.switchboard.connector.postgresql;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static dev.switchboard.client.testing.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.Event;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops in the middle of a stream of committing transactions and starts again: every committed event
 * arrives, in commit order, none lost; calls meanwhile get a clear error at once instead of hanging.
 */
class DatabaseOutageIntegrationTest {

    @Test
    void everyCommittedEventArrivesInOrderAcrossADatabaseRestart() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.get();
        String url = db.createDatabase("outage");
        EmbeddedDatabase.execute(url, """
                CREATE SCHEMA api;
                CREATE FUNCTION api.ping() RETURNS text LANGUAGE sql AS $$ SELECT 'pong' $$;
                CREATE TABLE api.ticks (n integer PRIMARY KEY);
                CREATE FUNCTION api.tick_published() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM wamp.publish('com.example.tick', NULL, jsonb_build_object('n', NEW.n));
                    RETURN NEW;
                END $$;
                """);
        try (ConnectorFixture f = new ConnectorFixture(url,
                Map.of("procedures", "[{\"schema\": \"api\", \"prefix\": \"com.example.\"}]"))) {
            EmbeddedDatabase.execute(url, "CREATE TRIGGER tick AFTER INSERT ON api.ticks "
                    + "FOR EACH ROW EXECUTE FUNCTION api.tick_published()");
            f.awaitProcedure("com.example.ping");
            List<Event> received = new CopyOnWriteArrayList<>();
            await(f.client.subscribe("com.example.tick", received::add));

            TickWriter writer = new TickWriter(url);
            Thread writing = new Thread(writer, "tick-writer");
            writing.start();
            try {
                eventually("20 ticks committed", () -> writer.committed.size() >= 20);
                db.stop();

                long start = System.nanoTime();
                WampException down = awaitFailure(f.client.call("com.example.ping", null, null),
                        WampException.class);
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(SqlErrors.UNAVAILABLE, down.uri());
                assertTrue(tookMillis < 3000, "a clear error within the connect timeout, not a hang: " + tookMillis);

                Thread.sleep(300);
                db.start();
                int committedAtRestart = writer.committed.size();
                eventually("20 more ticks committed", () -> writer.committed.size() >= committedAtRestart + 20);
            } finally {
                writer.running.set(false);
                writing.join(5000);
                db.startIfStopped(); // whatever failed, the next test needs the server
            }

            List<Integer> committed = List.copyOf(writer.committed);
            eventually("every committed tick delivered", () -> distinctByEventId(received).values()
                    .containsAll(committed));
            Map<Long, Integer> byEventId = distinctByEventId(received);
            List<Long> eventIds = new ArrayList<>(byEventId.keySet());
            List<Integer> inOrder = new ArrayList<>(byEventId.values());
            for (int i = 1; i < eventIds.size(); i++) {
                assertTrue(eventIds.get(i) > eventIds.get(i - 1), "event ids rise in arrival order");
            }
            for (Integer n : inOrder) {
                assertTrue(committed.contains(n) || writer.uncertain.contains(n), "tick " + n + " was not written");
            }
            inOrder.retainAll(committed);
            assertEquals(committed, inOrder, "committed ticks arrive in commit order, none missing");
            assertEquals("pong", await(f.client.call("com.example.ping", null, null)).arg(0),
                    "calls work again after the restart");
            assertTrue(f.connector.stats().databaseConnects() >= 2);
        }
    }

    @Test
    void theConnectorStartsWhileTheDatabaseIsDownAndServesOnceItIsUp() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.get();
        String url = db.createDatabase("startdown");
        EmbeddedDatabase.execute(url, "CREATE SCHEMA api; "
                + "CREATE FUNCTION api.ping() RETURNS text LANGUAGE sql AS $$ SELECT 'pong' $$");
        db.stop();
        try {
            TestRouter router = new TestRouter("realm1");
            LocalConnector local = new LocalConnector(router.router());
            try (PostgresConnector connector = new PostgresConnector(TestConfigs.settings(url,
                    Map.of("procedures", "[{\"schema\": \"api\", \"prefix\": \"com.example.\"}]")), local)
                    .start()) {
                eventually("joined without a database", () -> connector.session() != null);
                Thread.sleep(300);
                assertFalse(connector.isDatabaseConnected());
                db.start();
                eventually("connected", connector::isDatabaseConnected);
                WampSession client = await(local.join("realm1", null));
                eventually("com.example.ping answers", () -> "pong".equals(
                        client.call("com.example.ping", null, null).handle((r, e) -> e == null ? r.arg(0) : null)
                                .join()));
            } finally {
                local.close();
                router.close();
            }
        } finally {
            db.startIfStopped();
        }
    }

    /** First arrival per event id, in arrival order (redeliveries after an outage are allowed, and dropped here). */
    private static Map<Long, Integer> distinctByEventId(List<Event> events) {
        Map<Long, Integer> distinct = new LinkedHashMap<>();
        for (Event e : events) {
            distinct.putIfAbsent(((Number) e.kwargs().get("_event_id")).longValue(),
                    ((Number) e.kwargs().get("n")).intValue());
        }
        return distinct;
    }

    /**
     * Inserts ticks 1, 2, 3, ... one transaction each, reconnecting while the database is away. A tick whose
     * commit failed with a broken connection may or may not have committed: it is "uncertain".
     */
    private static final class TickWriter implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Integer> committed = new CopyOnWriteArrayList<>();
        final Set<Integer> uncertain = ConcurrentHashMap.newKeySet();
        private final String url;

        TickWriter(String url) {
            this.url = url;
        }

        @Override
        public void run() {
            int n = 1;
            Connection c = null;
            while (running.get()) {
                try {
                    if (c == null) {
                        c = EmbeddedDatabase.connect(url);
                    }
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO api.ticks (n) VALUES (?)")) {
                        insert.setInt(1, n);
                        insert.executeUpdate();
                    }
                    committed.add(n++);
                    Thread.sleep(5);
                } catch (SQLException e) {
                    if (c != null) {
                        uncertain.add(n++);
                        closeQuietly(c);
                        c = null;
                    }
                    pause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            closeQuietly(c);
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void closeQuietly(Connection c) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException e) {
                // gone with the server
            }
        }
    }
}
