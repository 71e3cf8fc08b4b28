package dev.switchboard.connector.postgresql;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.client.PublishOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WAMP to SQL: subscribed events handed to SQL functions, in order; failures counted, never fatal. */
class EventSinkIntegrationTest {
    private static String url;
    private static ConnectorFixture fixture;

    @BeforeAll
    static void start() {
        url = EmbeddedDatabase.get().createDatabase("sink");
        EmbeddedDatabase.execute(url, """
                CREATE SCHEMA log;
                CREATE TABLE log.events (id serial PRIMARY KEY, topic text, args jsonb, kwargs jsonb);
                CREATE FUNCTION log.store_event(args jsonb, kwargs jsonb) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO log.events (args, kwargs) VALUES (args, kwargs) $$;
                CREATE FUNCTION log.store_with_topic(args jsonb, kwargs jsonb, details jsonb) RETURNS void
                    LANGUAGE sql AS $$ INSERT INTO log.events (topic, args, kwargs)
                                       VALUES (details ->> 'topic', args, kwargs) $$;
                CREATE FUNCTION log.picky(args jsonb, kwargs jsonb) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF args ->> 0 = 'bad' THEN RAISE EXCEPTION 'refusing %', args; END IF;
                    INSERT INTO log.events (topic, args) VALUES ('picky', args);
                END $$;
                """);
        fixture = new ConnectorFixture(url, Map.of("subscriptions", """
                [{"topic": "com.example.log.", "match": "prefix", "function": "log.store_event"},
                 {"topic": "com.example.audit", "function": "log.store_with_topic", "details": true},
                 {"topic": "com.example.picky", "function": "log.picky"}]"""));
        eventually("subscribed", () -> await(fixture.client.call("wamp.subscription.lookup",
                List.of("com.example.picky"), null)).arg(0) != null);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static void publish(String topic, List<?> args, Map<String, ?> kwargs) {
        await(fixture.client.publish(topic, args, kwargs, PublishOptions.defaults().withAcknowledge(true)));
    }

    @Test
    void eachEventIsStoredOnceInArrivalOrder() {
        for (int i = 0; i < 20; i++) {
            publish("com.example.log.line", List.of(i), Map.of("level", "info"));
        }
        eventually("20 rows", () -> rows("SELECT count(*) FROM log.events WHERE topic IS NULL").get(0).equals("20"));
        List<String> args = rows("SELECT args::text FROM log.events WHERE topic IS NULL ORDER BY id");
        for (int i = 0; i < 20; i++) {
            assertEquals("[" + i + "]", args.get(i));
        }
        assertEquals("{\"level\": \"info\"}",
                rows("SELECT kwargs::text FROM log.events WHERE topic IS NULL LIMIT 1").get(0));
    }

    @Test
    void detailsTellTheTopic() {
        publish("com.example.audit", List.of("x"), null);
        eventually("stored with topic", () -> rows("SELECT count(*) FROM log.events WHERE topic = 'com.example.audit'")
                .get(0).equals("1"));
    }

    @Test
    void aFailingFunctionIsCountedAndTheNextEventsStillGetThrough() {
        long errorsBefore = fixture.connector.stats().eventStoreErrors();
        publish("com.example.picky", List.of("bad"), null);
        publish("com.example.picky", List.of("good"), null);
        eventually("the good one stored", () -> rows("SELECT count(*) FROM log.events WHERE topic = 'picky'")
                .get(0).equals("1"));
        assertEquals(errorsBefore + 1, fixture.connector.stats().eventStoreErrors());
    }

    private static List<String> rows(String query) {
        try (Connection c = EmbeddedDatabase.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
