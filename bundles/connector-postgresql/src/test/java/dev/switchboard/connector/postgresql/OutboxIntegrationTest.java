package dev.switchboard.connector.postgresql;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.eventually;
import static dev.switchboard.client.testing.TestSupport.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.Event;
import dev.switchboard.client.SubscribeOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQL to WAMP: wamp.publish in triggers and functions, delivered through the outbox to a WAMP subscriber. */
class OutboxIntegrationTest {
    private static final Map<String, Object> SETTINGS = Map.of("outboxRetentionSeconds", 0,
            "outboxCleanupIntervalSeconds", 1);
    private static String url;
    private static ConnectorFixture fixture;

    @BeforeAll
    static void start() {
        url = EmbeddedDatabase.get().createDatabase("outbox");
        fixture = new ConnectorFixture(url, SETTINGS); // installs the wamp schema
        EmbeddedDatabase.execute(url, """
                CREATE SCHEMA app;
                CREATE TABLE app.orders (id serial PRIMARY KEY, item text NOT NULL, qty integer NOT NULL);
                CREATE FUNCTION app.order_created() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM wamp.publish('com.example.order.created', jsonb_build_array(to_jsonb(NEW)),
                                         jsonb_build_object('item', NEW.item));
                    RETURN NEW;
                END $$;
                CREATE TRIGGER order_created AFTER INSERT ON app.orders
                    FOR EACH ROW EXECUTE FUNCTION app.order_created();
                """);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static BlockingQueue<Event> subscribe(String topic) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        await(fixture.client.subscribe(topic, events::add));
        return events;
    }

    private static void insertOrder(Connection c, String item) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO app.orders (item, qty) VALUES (?, 1)")) {
            insert.setString(1, item);
            insert.executeUpdate();
        }
    }

    private static long eventId(Event e) {
        return ((Number) e.kwargs().get("_event_id")).longValue();
    }

    @Test
    void insertTriggerPublishesAnEventTheSubscriberReceives() throws SQLException {
        BlockingQueue<Event> events = subscribe("com.example.order.created");
        try (Connection c = EmbeddedDatabase.connect(url)) {
            insertOrder(c, "apple");
        }
        Event e = poll(events);
        Map<?, ?> row = (Map<?, ?>) e.arg(0);
        assertEquals("apple", row.get("item"));
        assertEquals(1, row.get("qty"));
        assertEquals("apple", e.kwargs().get("item"));
        assertTrue(eventId(e) > 0, "a stable event id for dropping duplicates");
    }

    @Test
    void rolledBackTransactionPublishesNothing() throws Exception {
        BlockingQueue<Event> events = subscribe("com.example.order.created");
        try (Connection c = EmbeddedDatabase.connect(url)) {
            c.setAutoCommit(false);
            insertOrder(c, "rolled-back");
            c.rollback();
            try (Statement s = c.createStatement()) {
                s.execute("SAVEPOINT sp");
                insertOrder(c, "rolled-back-to-savepoint");
                s.execute("ROLLBACK TO SAVEPOINT sp");
            }
            insertOrder(c, "committed");
            c.commit();
        }
        assertEquals("committed", poll(events).kwargs().get("item"));
        assertNull(events.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void eventsArriveInCommitOrderNotInPublishOrder() throws Exception {
        BlockingQueue<Event> events = subscribe("com.example.order.created");
        try (Connection first = EmbeddedDatabase.connect(url); Connection second = EmbeddedDatabase.connect(url)) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insertOrder(first, "published-first-committed-last");
            insertOrder(second, "published-second-committed-first");
            second.commit();
            first.commit();
        }
        Event a = poll(events);
        Event b = poll(events);
        assertEquals("published-second-committed-first", a.kwargs().get("item"));
        assertEquals("published-first-committed-last", b.kwargs().get("item"));
        assertTrue(eventId(a) < eventId(b), "event ids follow commit order");
    }

    @Test
    void payloadFarAboveTheNotifyLimitArrivesIntact() throws SQLException {
        BlockingQueue<Event> events = subscribe("com.example.big");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 100_000; i++) {
            text.append("line ").append(i).append(": \"quoted\", ümlaut, 日本, \\ backslash\n");
        }
        try (Connection c = EmbeddedDatabase.connect(url);
                PreparedStatement publish = c.prepareStatement(
                        "SELECT wamp.publish('com.example.big', jsonb_build_array(?::text), NULL, NULL)")) {
            publish.setString(1, text.toString());
            publish.execute();
        }
        assertEquals(text.toString(), poll(events).arg(0));
    }

    @Test
    void eventsCommittedWhileTheConnectorWasDownArriveAfterItsRestartInOrder() throws SQLException {
        fixture.connector.close();
        try (Connection c = EmbeddedDatabase.connect(url)) {
            for (int i = 1; i <= 5; i++) {
                insertOrder(c, "while-down-" + i);
            }
        }
        BlockingQueue<Event> events = subscribe("com.example.order.created");
        fixture.connector = fixture.startConnector(SETTINGS);
        for (int i = 1; i <= 5; i++) {
            assertEquals("while-down-" + i, poll(events).kwargs().get("item"));
        }
    }

    @Test
    void aSecondConnectorWithTheSameIdStandsByAndTakesOver() throws Exception {
        BlockingQueue<Event> events = subscribe("com.example.order.created");
        PostgresConnector standby = fixture.startConnector(SETTINGS);
        try {
            try (Connection c = EmbeddedDatabase.connect(url)) {
                for (int i = 1; i <= 10; i++) {
                    insertOrder(c, "once-" + i);
                }
            }
            for (int i = 1; i <= 10; i++) {
                assertEquals("once-" + i, poll(events).kwargs().get("item"));
            }
            assertNull(events.poll(300, TimeUnit.MILLISECONDS), "delivered once, not by both connectors");

            fixture.connector.close(); // the lock holder goes; the standby takes over
            try (Connection c = EmbeddedDatabase.connect(url)) {
                insertOrder(c, "after-takeover");
            }
            assertEquals("after-takeover", poll(events).kwargs().get("item"));
        } finally {
            fixture.connector = standby;
        }
    }

    @Test
    void publishOptionsReachTheRouter() throws Exception {
        BlockingQueue<Event> live = subscribe("com.example.retained");
        try (Connection c = EmbeddedDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("SELECT wamp.publish('com.example.retained', '[1]', NULL, '{\"retain\": true}')");
            s.execute("SELECT wamp.publish('com.example.retained', '[2]', NULL, '{\"retain\": true}')");
        }
        assertEquals(List.of(1), poll(live).args());
        assertEquals(List.of(2), poll(live).args());
        BlockingQueue<Event> late = new LinkedBlockingQueue<>();
        await(fixture.client.subscribe("com.example.retained", late::add,
                SubscribeOptions.defaults().withGetRetained(true)));
        Event retained = poll(late);
        assertEquals(List.of(2), retained.args());
        assertTrue(retained.retained());
    }

    @Test
    void anEventTheRouterRefusesIsSkippedAndDoesNotBlockTheOutbox() throws Exception {
        BlockingQueue<Event> events = subscribe("com.example.after");
        long rejectedBefore = fixture.connector.stats().eventsRejected();
        try (Connection c = EmbeddedDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("SELECT wamp.publish('wamp.reserved.topic')"); // the router refuses reserved URIs
            s.execute("SELECT wamp.publish('com.example.after', '[\"next\"]')");
        }
        assertEquals(List.of("next"), poll(events).args());
        eventually("the refused event counted", () -> fixture.connector.stats().eventsRejected() == rejectedBefore + 1);
    }

    @Test
    void wampPublishValidatesItsArguments() throws SQLException {
        try (Connection c = EmbeddedDatabase.connect(url); Statement s = c.createStatement()) {
            SQLException badTopic = assertThrows(SQLException.class,
                    () -> s.execute("SELECT wamp.publish('not a uri')"));
            assertEquals("22023", badTopic.getSQLState());
            assertThrows(SQLException.class, () -> s.execute("SELECT wamp.publish('com.example.x', '{}')"),
                    "args must be an array");
            assertThrows(SQLException.class, () -> s.execute("SELECT wamp.publish('com.example.x', NULL, '[]')"),
                    "kwargs must be an object");
        }
    }

    @Test
    void aRoleGrantedWampPublishCanPublishAndOthersCannot() throws SQLException {
        BlockingQueue<Event> events = subscribe("com.example.granted");
        EmbeddedDatabase.execute(url, "CREATE ROLE app_writer; CREATE ROLE app_stranger; "
                + "GRANT USAGE ON SCHEMA wamp TO app_writer, app_stranger; "
                + "GRANT EXECUTE ON FUNCTION wamp.publish(text, jsonb, jsonb, jsonb) TO app_writer");
        try (Connection c = EmbeddedDatabase.connect(url); Statement s = c.createStatement()) {
            s.execute("SET ROLE app_stranger");
            SQLException denied = assertThrows(SQLException.class,
                    () -> s.execute("SELECT wamp.publish('com.example.granted', '[\"stranger\"]')"));
            assertEquals("42501", denied.getSQLState());
            s.execute("SET ROLE app_writer"); // the numbering trigger runs at its commit, as the schema's owner
            s.execute("SELECT wamp.publish('com.example.granted', '[\"writer\"]')");
        }
        assertEquals(List.of("writer"), poll(events).args());
    }

    @Test
    void deliveredRowsAreCleanedUp() throws Exception {
        try (Connection c = EmbeddedDatabase.connect(url)) {
            for (int i = 0; i < 3; i++) {
                insertOrder(c, "to-clean-" + i);
            }
        }
        eventually("delivered rows deleted", () -> count("SELECT count(*) FROM wamp.outbox") == 0);
    }

    @Test
    void schemaInstallIsIdempotentAndVersioned() throws SQLException {
        try (Connection c = EmbeddedDatabase.connect(url)) {
            WampSchema.Installed again = WampSchema.install(c, "test");
            assertEquals(WampSchema.LATEST_VERSION, again.version());
            assertTrue(again.ddlNotifications());
        }
        assertEquals(1, count("SELECT count(*) FROM wamp.schema_version"));
    }

    private static long count(String query) {
        try (Connection c = EmbeddedDatabase.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
