package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8's "real database in tests", end to end: a real PostgreSQL started by the test, a node directory made with
 * {@code switchboard init} whose config.json gets a router worker {@code connectors} entry (type postgresql, the
 * password from {@code password_env}, authrole {@code db}, an {@code errors} map), the assembled node started from it
 * with the postgresql feature, and AutobahnJS ({@code js/postgres.js}) as the client:
 * <ul>
 * <li>PL/pgSQL functions called with args and kwargs; SQL errors as WAMP errors (URI from a HINT, from the errors
 * map, by SQLSTATE class; SQLSTATE and constraint in kwargs); an INSERT trigger's event; a failed call publishes
 * nothing;</li>
 * <li>events SQL publishes: a rolled-back transaction (and a rolled-back savepoint) publishes nothing; PostgreSQL
 * stopped in the middle of a stream of committing transactions and started again: every committed event arrives,
 * in commit order, none lost (redeliveries carry the same {@code _event_id}); a 100 KB payload arrives intact;</li>
 * <li>live edits of config.json: a second connector added (its procedure appears), an invalid edit refused with its
 * JSON path (nothing changes), the connector removed (its procedure goes).</li>
 * </ul>
 * PostgreSQL and the node are stopped after the class whatever happened (and killed by shutdown hooks if the JVM
 * ends first).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresConnectorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "app";
    private static final String ROLE = "app_connector";
    /** Generated per run; the node gets it through the environment variable config.json names. */
    private static final String PASSWORD = "e2e-" + UUID.randomUUID();
    private static final String PASSWORD_ENV = "SWITCHBOARD_E2E_PG1_PASSWORD";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern READY = Pattern.compile("^READY$");

    private static PostgresServer postgres;
    private static NodeDirectoryProcess node;
    private static String url;

    @BeforeAll
    static void startDatabaseAndNode() throws IOException {
        postgres = PostgresServer.start("PostgresConnectorIT");
        postgres.execute("postgres", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
        postgres.execute("postgres", "CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        // As the application's role, with its password: the connector finds these functions when it starts (the
        // triggers' wamp.publish calls resolve at run time, once the connector has installed the wamp schema)
        postgres.execute(DATABASE, ROLE, PASSWORD, SCHEMA);

        node = NodeDirectoryProcess.init("pg-node");
        int port = NodeProcess.freePort();
        writeConfig(withConnectors(Files.readString(node.config()), port, connector("pg1",
                "[{\"schema\": \"api\", \"prefix\": \"com.example.api.\"}]", true)));
        url = NodeDirectoryProcess.url(port);
        node.start(Map.of(PASSWORD_ENV, PASSWORD));
    }

    @AfterAll
    static void stopNodeAndDatabase() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    @Order(1)
    @Timeout(90)
    void functionsAreProceduresAndSqlErrorsAreWampErrors() {
        JsonNode result = ClientScript.runNode(SCRIPT_TIMEOUT, "postgres.js", "rpc", url);
        assertTrue(result.get("orderId").asInt() > 0, result.toString());
        assertTrue(node.isAlive());
    }

    @Test
    @Order(2)
    @Timeout(120)
    void committedEventsArriveInOrderAcrossADatabaseRestartAndRolledBackOnesNever() throws Exception {
        try (ClientScript listener = ClientScript.node("postgres.js", "listen", url)) {
            if (listener.awaitLine(READY, Duration.ofSeconds(20)).isEmpty()) {
                throw new AssertionError("the listener did not subscribe\n" + listener.tail());
            }
            awaitWampSchema();
            List<Integer> committed = new ArrayList<>();

            // A rolled-back transaction publishes nothing; neither does a rolled-back savepoint
            try (Connection c = postgres.connect(DATABASE, ROLE, PASSWORD)) {
                c.setAutoCommit(false);
                insertTick(c, -1);
                c.rollback();
                insertTick(c, -2);
                Savepoint savepoint = c.setSavepoint();
                insertTick(c, -3);
                c.rollback(savepoint);
                c.commit();
                committed.add(-2);
            }

            // PostgreSQL stops in the middle of a stream of committing transactions, and starts again. Before it
            // stops, the test holds the connector's cursor row: the connector publishes what it read, cannot store
            // its cursor and reads no further, so that when PostgreSQL stops, events are committed but not yet
            // delivered (a backlog), and a published batch is not acknowledged in the database (a redelivery).
            TickWriter writer = new TickWriter();
            Thread writing = new Thread(writer, "e2e-tick-writer");
            writing.start();
            long outstanding;
            try {
                eventually("20 ticks committed", Duration.ofSeconds(20), () -> writer.committed.size() >= 20);
                try (Connection locker = postgres.connect(DATABASE, ROLE, PASSWORD)) {
                    locker.setAutoCommit(false);
                    long cursor = cursorForUpdate(locker);
                    int atLock = writer.committed.size();
                    long lockedAt = System.nanoTime();
                    eventually("40 more ticks committed, and the connector's next outbox poll", Duration.ofSeconds(
                            20), () -> writer.committed.size() >= atLock + 40
                            && System.nanoTime() - lockedAt > Duration.ofMillis(1500).toNanos());
                    outstanding = count(locker, "SELECT count(*) FROM wamp.outbox WHERE seq > " + cursor);
                    postgres.stop(); // fast shutdown: every session ends, the locker's too
                }
                Thread.sleep(500);
                postgres.start();
                int atRestart = writer.committed.size();
                eventually("40 more ticks committed after the restart", Duration.ofSeconds(30),
                        () -> writer.committed.size() >= atRestart + 40);
            } finally {
                writer.running.set(false);
                writing.join(10_000);
                postgres.start(); // whatever failed, the rest of the class needs the server
            }
            committed.addAll(writer.committed);
            assertTrue(node.isAlive(), "the node outlived the database's restart");

            // A payload far above NOTIFY's 8000 bytes
            String body = payload(100 * 1024);
            try (Connection c = postgres.connect(DATABASE, ROLE, PASSWORD);
                    PreparedStatement insert = c.prepareStatement("INSERT INTO app.documents (body) VALUES (?)")) {
                insert.setString(1, body);
                insert.executeUpdate();
            }
            // Last in commit order: whatever was committed before it has arrived when it does
            postgres.execute(DATABASE, ROLE, PASSWORD, "SELECT wamp.publish('com.example.done')");

            listener.awaitSuccess(Duration.ofSeconds(60));
            assertTrue(outstanding >= 40, "committed but not acknowledged when PostgreSQL stopped: " + outstanding);
            check(listener.result(), committed, writer.uncertain, body);
        }
    }

    /** Locks the connector's cursor row (until the transaction ends) and returns the cursor. */
    private static long cursorForUpdate(Connection c) throws SQLException {
        eventually("the connector's outbox cursor row", Duration.ofSeconds(10), () -> {
            try {
                return count(c, "SELECT count(*) FROM wamp.outbox_cursor WHERE connector = 'pg1'") == 1;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        c.commit();
        return count(c, "SELECT last_seq FROM wamp.outbox_cursor WHERE connector = 'pg1' FOR UPDATE");
    }

    private static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            if (!r.next()) {
                throw new AssertionError("no row: " + query);
            }
            return r.getLong(1);
        }
    }

    /** What the listener received, in arrival order, against what was committed. */
    private static void check(JsonNode result, List<Integer> committed, Set<Integer> uncertain, String body) {
        Map<Long, JsonNode> firstArrivals = new LinkedHashMap<>();
        for (JsonNode event : result.get("received")) {
            long eventId = event.get("eventId").asLong();
            JsonNode earlier = firstArrivals.putIfAbsent(eventId, event);
            if (earlier != null) {
                assertEquals(earlier, event, "a redelivery is the same event under the same event id");
            }
        }
        // Redeliveries (at-least-once: the batch whose cursor was not stored before the outage) are allowed, not
        // required: whether the cursor got stored in time depends on timing.
        List<Long> eventIds = new ArrayList<>(firstArrivals.keySet());
        for (int i = 1; i < eventIds.size(); i++) {
            assertTrue(eventIds.get(i) > eventIds.get(i - 1), "event ids rise in arrival order: " + eventIds);
        }
        assertTrue(result.get("done").asLong() > eventIds.get(eventIds.size() - 1), "done comes last");

        List<Integer> ticks = new ArrayList<>();
        List<JsonNode> big = new ArrayList<>();
        for (JsonNode event : firstArrivals.values()) {
            if (event.get("topic").asText().equals("tick")) {
                ticks.add(event.get("n").asInt());
            } else {
                big.add(event);
            }
        }
        assertFalse(ticks.contains(-1), "the rolled-back transaction published nothing: " + ticks);
        assertFalse(ticks.contains(-3), "the rolled-back savepoint published nothing: " + ticks);
        for (Integer n : ticks) {
            assertTrue(committed.contains(n) || uncertain.contains(n), "tick " + n + " was never written");
        }
        List<Integer> committedArrivals = new ArrayList<>(ticks);
        committedArrivals.retainAll(committed);
        assertEquals(committed, committedArrivals, "every committed tick arrives, in commit order, none lost ("
                + committed.size() + " committed, " + uncertain.size() + " with an unknown outcome)");

        assertEquals(1, big.size(), "one large event: " + big);
        assertEquals(body.length(), big.get(0).get("length").asInt(), "the large payload's length");
        assertEquals(sha256(body), big.get(0).get("sha256").asText(), "the large payload arrived intact");
        assertEquals("large", big.get(0).get("note").asText());
    }

    @Test
    @Order(3)
    @Timeout(90)
    void editsOfConfigJsonAddChangeAndRemoveConnectorsWhileTheNodeRuns() throws IOException {
        String original = Files.readString(node.config());
        ObjectNode second = connector("pg2", "[{\"function\": \"api.add\", \"procedure\": \"com.example.v2.sum\"}]",
                false);
        writeConfig(addConnector(original, second));
        ClientScript.runNode(SCRIPT_TIMEOUT, "postgres.js", "await-procedure", url, "com.example.v2.sum", "present");
        node.expectLine(Pattern.compile("config\\.json: component pg2 \\(dev\\.switchboard\\.connector\\.postgresql\\)"
                + " added"), Duration.ofSeconds(10), "for the added connector");

        // An invalid edit is refused with its JSON path; what runs stays
        ObjectNode invalid = second.deepCopy();
        invalid.set("jdbcUrl", invalid.remove("jdbc_url"));
        writeConfig(addConnector(original, invalid));
        node.expectLine(Pattern.compile("workers\\[0]\\.connectors\\[1]\\.jdbcUrl: unknown key \\(config\\.json spells"
                + " it \"jdbc_url\""), Duration.ofSeconds(15), "naming the invalid key");
        assertTrue(node.anyLine(Pattern.compile("config\\.json change rejected")));
        ClientScript.runNode(SCRIPT_TIMEOUT, "postgres.js", "await-procedure", url, "com.example.v2.sum", "present");

        writeConfig(original);
        ClientScript.runNode(SCRIPT_TIMEOUT, "postgres.js", "await-procedure", url, "com.example.v2.sum", "absent");
        node.expectLine(Pattern.compile("config\\.json: component pg2 \\(dev\\.switchboard\\.connector\\.postgresql\\)"
                + " removed"), Duration.ofSeconds(10), "for the removed connector");
        ClientScript.runNode(SCRIPT_TIMEOUT, "postgres.js", "await-procedure", url, "com.example.api.add", "present");
        assertTrue(node.isAlive());
    }

    // ---- the database ----

    /** The application: PL/pgSQL functions in api (exposed), tables and trigger functions in app (not). */
    private static final String SCHEMA = """
            CREATE SCHEMA app;
            CREATE SCHEMA api;
            CREATE TABLE app.orders (id serial PRIMARY KEY, item text NOT NULL, qty integer NOT NULL CHECK (qty > 0),
                note text);
            CREATE TABLE app.ticks (n integer PRIMARY KEY);
            CREATE TABLE app.documents (id serial PRIMARY KEY, body text NOT NULL);

            CREATE FUNCTION app.order_created() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM wamp.publish('com.example.order.created', jsonb_build_array(to_jsonb(NEW)),
                    jsonb_build_object('qty', NEW.qty));
                RETURN NEW;
            END $$;
            CREATE TRIGGER order_created AFTER INSERT ON app.orders
                FOR EACH ROW EXECUTE FUNCTION app.order_created();
            CREATE FUNCTION app.tick_published() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM wamp.publish('com.example.tick', jsonb_build_array(NEW.n));
                RETURN NEW;
            END $$;
            CREATE TRIGGER tick_published AFTER INSERT ON app.ticks
                FOR EACH ROW EXECUTE FUNCTION app.tick_published();
            CREATE FUNCTION app.document_published() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM wamp.publish('com.example.big', jsonb_build_array(NEW.body), jsonb_build_object('note', 'large'));
                RETURN NEW;
            END $$;
            CREATE TRIGGER document_published AFTER INSERT ON app.documents
                FOR EACH ROW EXECUTE FUNCTION app.document_published();

            CREATE FUNCTION api.add(a integer, b integer) RETURNS integer LANGUAGE plpgsql AS $$
            BEGIN
                RETURN a + b;
            END $$;
            CREATE FUNCTION api.greet(name text, greeting text DEFAULT 'hello', times integer DEFAULT 1,
                    OUT message text, OUT length integer) LANGUAGE plpgsql AS $$
            BEGIN
                SELECT string_agg(greeting || ' ' || name, ', ') INTO message FROM generate_series(1, times);
                length := char_length(message);
            END $$;
            CREATE FUNCTION api.tag(doc jsonb, extra text[], at timestamptz) RETURNS jsonb LANGUAGE plpgsql AS $$
            BEGIN
                RETURN jsonb_build_object('doc', doc, 'extra', to_jsonb(extra),
                    'tag_count', jsonb_array_length(doc -> 'tags') + cardinality(extra),
                    'epoch', extract(epoch FROM at)::bigint);
            END $$;
            CREATE FUNCTION api.orders_between(low integer, high integer) RETURNS TABLE(id integer, item text)
                LANGUAGE plpgsql AS $$
            BEGIN
                RETURN QUERY SELECT o.id, o.item FROM app.orders o WHERE o.id BETWEEN low AND high ORDER BY o.id;
            END $$;
            CREATE FUNCTION api.find_order(order_id integer) RETURNS text LANGUAGE plpgsql AS $$
            DECLARE
                found_item text;
            BEGIN
                SELECT o.item INTO found_item FROM app.orders o WHERE o.id = order_id;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'no order %', order_id USING HINT = 'com.example.error.not_found';
                END IF;
                RETURN found_item;
            END $$;
            CREATE FUNCTION api.place_order(item text, qty integer, note text DEFAULT NULL) RETURNS integer
                LANGUAGE plpgsql AS $$
            DECLARE
                new_id integer;
            BEGIN
                INSERT INTO app.orders (item, qty, note)
                    VALUES (place_order.item, place_order.qty, place_order.note) RETURNING id INTO new_id;
                RETURN new_id;
            END $$;
            CREATE FUNCTION api.place_order_then_fail(item text, qty integer) RETURNS integer LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM api.place_order(item, qty);
                RAISE EXCEPTION 'the order of % failed', item USING ERRCODE = 'P0410',
                    DETAIL = 'the order was inserted, then the call failed';
            END $$;
            CREATE FUNCTION api.order_count() RETURNS integer LANGUAGE plpgsql AS $$
            BEGIN
                RETURN (SELECT count(*) FROM app.orders);
            END $$;
            """;

    private static void insertTick(Connection c, int n) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO app.ticks (n) VALUES (?)")) {
            insert.setInt(1, n);
            insert.executeUpdate();
        }
    }

    /** The connector installs the wamp schema once it is connected; the triggers need wamp.publish. */
    private static void awaitWampSchema() {
        eventually("the connector installed wamp.publish", Duration.ofSeconds(30), () -> {
            try (Connection c = postgres.connect(DATABASE, ROLE, PASSWORD); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT to_regprocedure('wamp.publish(text, jsonb, jsonb, jsonb)') IS NOT NULL")) {
                return r.next() && r.getBoolean(1);
            } catch (SQLException e) {
                return false;
            }
        });
    }

    /**
     * Inserts ticks 1, 2, 3, ... one transaction each, reconnecting while the database is away. A tick whose insert
     * failed with a broken connection may or may not have committed: its outcome is unknown ("uncertain").
     */
    private static final class TickWriter implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Integer> committed = new CopyOnWriteArrayList<>();
        final Set<Integer> uncertain = ConcurrentHashMap.newKeySet();

        @Override
        public void run() {
            int n = 1;
            Connection c = null;
            while (running.get()) {
                try {
                    if (c == null) {
                        c = postgres.connect(DATABASE, ROLE, PASSWORD);
                    }
                    insertTick(c, n);
                    committed.add(n++);
                    Thread.sleep(3);
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

    // ---- config.json ----

    /** A connector entry as an operator writes it in config.json (snake_case keys). */
    private static ObjectNode connector(String id, String procedures, boolean outbox) {
        try {
            ObjectNode connector = JSON.createObjectNode();
            connector.put("type", "postgresql");
            connector.put("id", id);
            connector.put("realm", E2e.REALM);
            connector.put("authrole", "db");
            connector.put("jdbc_url", postgres.jdbcUrl(DATABASE));
            connector.put("user", ROLE);
            connector.put("password_env", PASSWORD_ENV);
            connector.set("procedures", JSON.readTree(procedures));
            connector.set("errors", JSON.readTree("{\"P0410\": \"com.example.error.gone\"}"));
            connector.put("outbox", outbox);
            connector.put("pool_size", 2);
            connector.put("statement_timeout_millis", 10000);
            connector.put("connect_timeout_millis", 2000);
            connector.put("outbox_poll_millis", 1000);
            connector.put("reconnect_initial_delay_millis", 100);
            connector.put("reconnect_max_delay_millis", 1000);
            return connector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * init's config.json with the web transport on {@code port}, a role {@code db} for the connector in realm1, no
     * container worker (not needed here), and the router worker's {@code connectors}.
     */
    private static String withConnectors(String initConfig, int port, ObjectNode... connectors) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(initConfig);
        ArrayNode workers = (ArrayNode) root.get("workers");
        ObjectNode router = null;
        for (int i = workers.size() - 1; i >= 0; i--) {
            if (workers.get(i).get("type").asText().equals("router")) {
                router = (ObjectNode) workers.get(i);
            } else {
                workers.remove(i);
            }
        }
        if (router == null) {
            throw new AssertionError("init wrote no router worker: " + initConfig);
        }
        for (JsonNode transport : router.get("transports")) {
            if (transport.get("type").asText().equals("web")) {
                ((ObjectNode) transport.get("endpoint")).put("port", port);
            }
        }
        ObjectNode realm = (ObjectNode) router.get("realms").get(0);
        ((ArrayNode) realm.get("roles")).add(JSON.readTree("""
                {"name": "db", "permissions": [{"uri": "", "match": "prefix",
                  "allow": {"call": true, "register": true, "publish": true, "subscribe": true}}]}"""));
        ArrayNode list = router.putArray("connectors");
        for (ObjectNode connector : connectors) {
            list.add(connector);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static String addConnector(String config, ObjectNode connector) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(config);
        for (JsonNode worker : root.get("workers")) {
            if (worker.get("type").asText().equals("router")) {
                ((ArrayNode) worker.get("connectors")).add(connector);
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Whole, at once: the node's watcher never reads half a file. */
    private static void writeConfig(String text) throws IOException {
        Path temporary = node.config().resolveSibling("config.json.tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, node.config(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // ---- helpers ----

    /** At least {@code bytes} of UTF-8: mostly ASCII, with 2-, 3- and 4-byte characters mixed in. */
    private static String payload(int bytes) {
        Random random = new Random(8);
        String[] rare = {"ü", "ß", "€", "漢", "字", "😀", "🚀", "\"", "\\", "\n", "\t"};
        StringBuilder text = new StringBuilder();
        int size = 0;
        while (size < bytes) {
            String next = random.nextInt(10) == 0 ? rare[random.nextInt(rare.length)]
                    : String.valueOf((char) (' ' + random.nextInt(95)));
            text.append(next);
            size += next.getBytes(StandardCharsets.UTF_8).length;
        }
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "\n"
                        + node.tail(40));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
