package dev.switchboard.connector.postgresql;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static dev.switchboard.client.testing.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.CallResult;
import dev.switchboard.client.WampException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Functions created, changed and dropped while the connector runs: with the DDL event trigger, and without. */
class CatalogRefreshIntegrationTest {

    private static boolean isRegistered(ConnectorFixture f, String procedure) {
        return await(f.client.call("wamp.registration.lookup", List.of(procedure), null)).arg(0) != null;
    }

    @Test
    void createdChangedAndDroppedFunctionsFollowTheDatabaseAtOnce() {
        String url = EmbeddedDatabase.get().createDatabase("ddl");
        EmbeddedDatabase.execute(url, "CREATE SCHEMA api");
        try (ConnectorFixture f = new ConnectorFixture(url,
                Map.of("procedures", "[{\"schema\": \"api\", \"prefix\": \"com.example.\"}]"))) {
            EmbeddedDatabase.execute(url, "CREATE FUNCTION api.later(x integer) RETURNS integer "
                    + "LANGUAGE sql AS $$ SELECT x * 2 $$");
            eventually("api.later registered", () -> isRegistered(f, "com.example.later"));
            assertEquals(42, await(f.client.call("com.example.later", List.of(21), null)).arg(0));

            EmbeddedDatabase.execute(url, "DROP FUNCTION api.later(integer); CREATE FUNCTION api.later(x integer, "
                    + "y integer DEFAULT 1) RETURNS integer LANGUAGE sql AS $$ SELECT x * y $$");
            eventually("the new signature is used", () -> f.connector.catalog().byProcedure()
                    .get("com.example.later").get(0).parameters().size() == 2);
            assertEquals(63, await(f.client.call("com.example.later", List.of(21), Map.of("y", 3))).arg(0));

            EmbeddedDatabase.execute(url, "DROP FUNCTION api.later(integer, integer)");
            eventually("api.later unregistered", () -> !isRegistered(f, "com.example.later"));
            WampException gone = awaitFailure(f.client.call("com.example.later", List.of(1), null),
                    WampException.class);
            assertEquals("wamp.error.no_such_procedure", gone.uri());
        }
    }

    @Test
    void withoutTheEventTriggerTheRefreshProcedurePicksChangesUp() {
        String url = EmbeddedDatabase.get().createDatabase("noddl");
        // A role that may create the wamp schema but, not being a superuser, no event trigger
        String role = role(url);
        EmbeddedDatabase.execute(url, "CREATE ROLE " + role + " LOGIN; GRANT CREATE ON DATABASE " + database(url)
                + " TO " + role + "; CREATE SCHEMA api; GRANT USAGE ON SCHEMA api TO " + role);
        String asPlainRole = url.replace("user=postgres", "user=" + role);
        try (ConnectorFixture f = new ConnectorFixture(asPlainRole,
                Map.of("id", "plain", "procedures", "[{\"schema\": \"api\", \"prefix\": \"com.example.\"}]"))) {
            EmbeddedDatabase.execute(url, "CREATE FUNCTION api.fresh() RETURNS text LANGUAGE sql AS $$ SELECT 'new' $$");
            CallResult refreshed = await(f.client.call("switchboard.connector.postgresql.plain.refresh", null, null));
            assertEquals(List.of("com.example.fresh"), refreshed.kwarg("added"));
            assertTrue(((List<?>) refreshed.kwarg("procedures")).contains("com.example.fresh"));
            eventually("registered", () -> isRegistered(f, "com.example.fresh"));
            assertEquals("new", await(f.client.call("com.example.fresh", null, null)).arg(0));

            EmbeddedDatabase.execute(url, "DROP FUNCTION api.fresh()");
            assertEquals(List.of("com.example.fresh"),
                    await(f.client.call("switchboard.connector.postgresql.plain.refresh", null, null))
                            .kwarg("removed"));
            eventually("unregistered", () -> !isRegistered(f, "com.example.fresh"));
            assertFalse(f.connector.catalog().byProcedure().containsKey("com.example.fresh"));
        }
    }

    private static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    private static String role(String url) {
        return "plain_" + database(url);
    }
}
