package dev.switchboard.connector.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.MatchPolicy;
import dev.switchboard.connector.postgresql.ConnectorSettings.SchemaExport;
import dev.switchboard.connector.postgresql.ConnectorSettings.SingleFunction;
import dev.switchboard.connector.postgresql.ConnectorSettings.SubscriptionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/app";

    private static ConnectorSettings settings(Map<String, Object> values, Map<String, String> env) {
        Map<String, Object> all = new HashMap<>(Map.of("id", "pg1", "jdbcUrl", URL));
        all.putAll(values);
        return ConnectorSettings.from(TestConfigs.config(all), env::get);
    }

    private static String invalid(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> settings(values, Map.of())).getMessage();
    }

    @Test
    void theIssuesExampleConfigurationReads() {
        ConnectorSettings s = settings(Map.of("realm", "realm1", "authrole", "db", "user", "app",
                "passwordEnv", "PG_PASSWORD",
                "procedures", "[{\"schema\": \"api\", \"prefix\": \"com.example.api.\"}]",
                "subscriptions", "[{\"topic\": \"com.example.log.\", \"match\": \"prefix\", "
                        + "\"function\": \"api.store_event\"}]"), Map.of("PG_PASSWORD", "s3cret"));
        assertEquals("s3cret", s.password());
        assertEquals("db", s.authrole());
        assertEquals(List.of(new SchemaExport("api", "com.example.api.", Set.of())), s.procedures());
        assertEquals(List.of(new SubscriptionSpec("com.example.log.", MatchPolicy.PREFIX, "api.store_event", false)),
                s.subscriptions());
        assertEquals("switchboard.connector.postgresql.pg1.refresh", s.refreshProcedure());
    }

    @Test
    void secretsAreNeverShown() {
        ConnectorSettings s = settings(Map.of("password", "s3cret",
                "jdbcUrl", URL + "?user=app&password=hunter2&ssl=true"), Map.of());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.jdbcUrlForLogs().endsWith("password=***&ssl=true"));
        assertTrue(invalid(Map.of("passwordEnv", "NOT_SET_ANYWHERE_42")).contains("NOT_SET_ANYWHERE_42"));
    }

    @Test
    void explicitFunctionsAndSelectedFunctions() {
        ConnectorSettings s = settings(Map.of("procedures", "[{\"function\": \"API.Add\", \"procedure\": "
                + "\"com.example.add\"}, {\"schema\": \"api\", \"prefix\": \"x.\", \"functions\": [\"a\", \"b\"]}]"),
                Map.of());
        assertEquals(new SingleFunction("api", "add", "com.example.add"), s.procedures().get(0),
                "unquoted names fold to lower case, as in SQL");
        assertEquals(Set.of("a", "b"), ((SchemaExport) s.procedures().get(1)).only());
    }

    @Test
    void badValuesFailActivationNamingTheKey() {
        assertTrue(invalid(Map.of("id", "Has Space")).contains("id"));
        assertTrue(invalid(Map.of("jdbcUrl", "jdbc:mysql://x")).contains("jdbcUrl"));
        assertTrue(invalid(Map.of("procedures", "{")).contains("procedures"));
        assertTrue(invalid(Map.of("procedures", "[{\"schema\": \"api\", \"prefix\": \"no.dot\"}]"))
                .contains("must end with '.'"));
        assertTrue(invalid(Map.of("procedures", "[{\"schema\": \"api\", \"prefix\": \"wamp.\"}]"))
                .contains("procedures"));
        assertTrue(invalid(Map.of("procedures", "[{\"function\": \"api.x; DROP TABLE t\", "
                + "\"procedure\": \"a.b\"}]")).contains("procedures"));
        assertTrue(invalid(Map.of("subscriptions", "[{\"topic\": \"a b\", \"function\": \"f\"}]"))
                .contains("subscriptions"));
        assertTrue(invalid(Map.of("subscriptions", "[{\"topic\": \"a.b\", \"function\": \"f()\"}]"))
                .contains("subscriptions"));
        assertTrue(invalid(Map.of("errors", "{\"nope\": \"a.b\"}")).contains("errors"));
        assertTrue(invalid(Map.of("poolSize", 0)).contains("poolSize"));
    }

    @Test
    void errorMapTakesSqlstatesAndClasses() {
        assertEquals(Map.of("P0410", "com.example.gone", "23", "com.example.conflict"),
                ConnectorSettings.errorUris("{\"p0410\": \"com.example.gone\", \"23\": \"com.example.conflict\"}"));
    }
}
