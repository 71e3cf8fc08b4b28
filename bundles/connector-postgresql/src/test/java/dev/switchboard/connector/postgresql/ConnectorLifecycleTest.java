package dev.switchboard.connector.postgresql;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.client.CallResult;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The connector's life with the router: realms that come late or go away, and the DS component around it. */
class ConnectorLifecycleTest {

    /** Calls {@code procedure} until it answers (registrations follow a join asynchronously). */
    private static CallResult callWhenRegistered(LocalConnector local, String realm, String procedure) {
        WampSession client = await(local.join(realm, null));
        CallResult[] result = new CallResult[1];
        eventually(procedure + " answers", () -> {
            CompletableFuture<CallResult> call = client.call(procedure, null, null);
            try {
                result[0] = call.get();
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        client.leave();
        return result[0];
    }

    @Test
    void joinsARealmThatAppearsLaterAndJoinsAgainAfterItWasRemoved() throws Exception {
        String url = EmbeddedDatabase.get().createDatabase("lifecycle");
        EmbeddedDatabase.execute(url, "CREATE SCHEMA api; "
                + "CREATE FUNCTION api.ping() RETURNS text LANGUAGE sql AS $$ SELECT 'pong' $$");
        TestRouter router = new TestRouter();
        LocalConnector local = new LocalConnector(router.router());
        try (PostgresConnector connector = new PostgresConnector(TestConfigs.settings(url, Map.of(
                "realm", "late", "procedures", "[{\"schema\": \"api\", \"prefix\": \"com.example.\"}]")),
                local).start()) {
            eventually("connected to the database", connector::isDatabaseConnected);
            assertNull(connector.session(), "no realm 'late' yet");

            router.addRealm("late");
            eventually("joined", () -> connector.session() != null);
            assertEquals("pong", callWhenRegistered(local, "late", "com.example.ping").arg(0));

            router.removeRealm("late");
            eventually("session gone with the realm", () -> connector.session() == null);
            router.addRealm("late");
            eventually("joined again", () -> connector.session() != null);
            assertEquals("pong", callWhenRegistered(local, "late", "com.example.ping").arg(0),
                    "procedures registered again on the new session");
        } finally {
            local.close();
            router.close();
        }
    }

    @Test
    void theComponentStartsFromItsConfigurationAndRefusesABadOne() {
        String url = EmbeddedDatabase.get().createDatabase("component");
        EmbeddedDatabase.execute(url, "CREATE SCHEMA api; "
                + "CREATE FUNCTION api.ping() RETURNS text LANGUAGE sql AS $$ SELECT 'pong' $$");
        TestRouter router = new TestRouter("realm1");
        LocalConnector local = new LocalConnector(router.router());
        try {
            PostgresConnectorComponent component = new PostgresConnectorComponent(local, TestConfigs.config(Map.of(
                    "id", "pg1", "jdbcUrl", url, "procedures",
                    "[{\"schema\": \"api\", \"prefix\": \"com.example.\"}]")));
            try {
                assertEquals("pong", callWhenRegistered(local, "realm1", "com.example.ping").arg(0));
            } finally {
                component.deactivate();
            }
            eventually("the connector left the realm", () -> router.sessionCount("realm1") == 0);
            assertThrows(IllegalArgumentException.class, () -> new PostgresConnectorComponent(local,
                    TestConfigs.config(Map.of("id", "pg1", "jdbcUrl", "jdbc:mysql://nope"))));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        } finally {
            local.close();
            router.close();
        }
    }
}
