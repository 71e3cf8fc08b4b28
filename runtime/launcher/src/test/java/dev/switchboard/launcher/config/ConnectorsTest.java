package dev.switchboard.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A router worker's {@code connectors}: mapped key for key onto {@code dev.switchboard.connector.postgresql~<id>}
 * as the connector's README says, and validated with JSON paths before anything starts.
 */
class ConnectorsTest {

    private static final String PID = "dev.switchboard.connector.postgresql";
    private static final UnaryOperator<String> ENVIRONMENT = name -> name.equals("PG1_PASSWORD") ? "s3cret" : null;

    @TempDir
    Path node;

    /** A router worker with realm1 (roles: anonymous, db) and realm2 (no roles), and these connectors. */
    private NodeConfigReader.Result read(String connectors) {
        return NodeConfigReader.read("""
                {"version": 2, "workers": [{"type": "router",
                  "realms": [{"name": "realm1", "roles": [{"name": "anonymous", "permissions": []},
                                                          {"name": "db", "permissions": []}]},
                             {"name": "realm2"}],
                  "connectors": [%s]}]}""".formatted(connectors), node, ENVIRONMENT);
    }

    private static String pg(String more) {
        return "{\"type\": \"postgresql\", \"id\": \"pg1\", \"realm\": \"realm1\", \"jdbc_url\":"
                + " \"jdbc:postgresql://127.0.0.1:5432/app\"" + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private List<String> errors(String connectors) {
        NodeConfigReader.Result result = read(connectors);
        if (result.problems().hasErrors()) {
            assertNull(result.config(), "no configuration when there are errors");
        }
        return result.problems().errors();
    }

    private void assertOnly(String expected, String connectors) {
        assertEquals(List.of(expected), errors(connectors));
    }

    private static Map<String, PlannedConfiguration> byPid(List<PlannedConfiguration> configurations) {
        Map<String, PlannedConfiguration> byPid = new LinkedHashMap<>();
        configurations.forEach(planned -> byPid.put(planned.pid(), planned));
        return byPid;
    }

    private Map<String, Object> properties(NodeConfigReader.Result result, String id) {
        assertEquals(List.of(), result.problems().errors());
        PlannedConfiguration planned = byPid(ConfigMapping.router(result.config().router())).get(PID + "~" + id);
        assertEquals(PID, planned.configuration().factoryPid());
        assertEquals(id, planned.configuration().name());
        Map<String, Object> properties = new TreeMap<>();
        Collections.list(planned.properties().keys()).forEach(key -> properties.put(key,
                planned.properties().get(key)));
        return properties;
    }

    @Test
    void everyKeyMapsOntoTheConnectorsConfiguration() {
        String procedures = "[{\"schema\": \"api\", \"prefix\": \"com.example.api.\"}, {\"schema\": \"admin\","
                + " \"prefix\": \"com.example.admin.\", \"functions\": [\"stats\"]}, {\"function\": \"api.add\","
                + " \"procedure\": \"com.example.add\"}]";
        String subscriptions = "[{\"topic\": \"com.example.log.\", \"match\": \"prefix\", \"function\":"
                + " \"api.store_event\", \"details\": true}, {\"topic\": \"com.example.ping\", \"function\": \"ping\"}]";
        String errors = "{\"P0410\": \"com.example.error.gone\", \"23\": \"com.example.error.conflict\"}";
        NodeConfigReader.Result result = read("""
                {"type": "postgresql", "id": "pg1", "realm": "realm1", "authrole": "db",
                 "jdbc_url": "jdbc:postgresql://127.0.0.1:5432/app", "user": "app_connector",
                 "password_env": "PG1_PASSWORD", "procedures": %s, "subscriptions": %s, "errors": %s,
                 "outbox": false, "pool_size": 8, "statement_timeout_millis": 10000, "connect_timeout_millis": 2000,
                 "max_queued_calls": 50, "max_result_rows": 200, "progress_batch_rows": 20,
                 "outbox_batch_size": 100, "outbox_poll_millis": 1000, "outbox_retention_seconds": 0,
                 "outbox_cleanup_interval_seconds": 30, "event_id_kwarg": "eid",
                 "reconnect_initial_delay_millis": 100, "reconnect_max_delay_millis": 2000}"""
                .formatted(procedures, subscriptions, errors));
        assertEquals(List.of(), result.problems().warnings());
        Map<String, Object> properties = properties(result, "pg1");
        Map<String, Object> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("id", "pg1"), Map.entry("realm", "realm1"), Map.entry("authrole", "db"),
                Map.entry("jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/app"), Map.entry("user", "app_connector"),
                Map.entry("passwordEnv", "PG1_PASSWORD"), Map.entry("outbox", false), Map.entry("poolSize", 8),
                Map.entry("statementTimeoutMillis", 10000), Map.entry("connectTimeoutMillis", 2000),
                Map.entry("maxQueuedCalls", 50), Map.entry("maxResultRows", 200), Map.entry("progressBatchRows", 20),
                Map.entry("outboxBatchSize", 100), Map.entry("outboxPollMillis", 1000),
                Map.entry("outboxRetentionSeconds", 0), Map.entry("outboxCleanupIntervalSeconds", 30),
                Map.entry("eventIdKwarg", "eid"), Map.entry("reconnectInitialDelayMillis", 100),
                Map.entry("reconnectMaxDelayMillis", 2000)));
        // JSON text, compared as JSON
        assertEquals(JsonParser.parseString(procedures), JsonParser.parseString((String) properties.remove(
                "procedures")));
        assertEquals(JsonParser.parseString(subscriptions), JsonParser.parseString((String) properties.remove(
                "subscriptions")));
        assertEquals(JsonParser.parseString(errors), JsonParser.parseString((String) properties.remove("errors")));
        assertEquals(expected, properties);
    }

    @Test
    void leftOutKeysAreTheConnectorsDefaults() {
        assertEquals(Map.of("id", "pg1", "realm", "realm1", "jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/app"),
                properties(read(pg("")), "pg1"));
        Map<String, Object> password = properties(read(pg("\"user\": \"u\", \"password\": \"p w\","
                + " \"event_id_kwarg\": \"\"")), "pg1");
        assertEquals("p w", password.get("password"));
        assertEquals("", password.get("eventIdKwarg"), "an empty event id kwarg: no event id");
    }

    @Test
    void connectorsComeAfterRealmsAndAreNamedByTheirId() {
        NodeConfigReader.Result result = read(pg("") + ", {\"type\": \"postgresql\", \"id\": \"pg_2\", \"realm\":"
                + " \"realm2\", \"jdbc_url\": \"jdbc:postgresql://db/other\"}");
        assertEquals(List.of(), result.problems().errors());
        assertEquals(List.of("dev.switchboard.realm~realm1", "dev.switchboard.realm~realm2", PID + "~pg1",
                PID + "~pg_2"), ConfigMapping.router(result.config().router()).stream().map(PlannedConfiguration::pid)
                .toList());
        assertTrue(ConfigMapping.OWNED_FACTORY_PIDS.contains(PID), "config.json owns the connectors of its node");
    }

    /** What the live edit compares ({@code LiveConfiguration}): same properties unchanged, a changed key changed. */
    @Test
    void anEditChangesOnlyTheConnectorItTouches() {
        Map<String, PlannedConfiguration> before = byPid(ConfigMapping.router(read(pg("\"pool_size\": 4") + ", "
                + pg("").replace("pg1", "pg2")).config().router()));
        Map<String, PlannedConfiguration> after = byPid(ConfigMapping.router(read(pg("\"pool_size\": 5") + ", "
                + pg("").replace("pg1", "pg2")).config().router()));
        assertEquals(before.keySet(), after.keySet());
        assertNotEquals(before.get(PID + "~pg1").properties(), after.get(PID + "~pg1").properties());
        assertEquals(before.get(PID + "~pg2").properties(), after.get(PID + "~pg2").properties());
        Map<String, PlannedConfiguration> removed = byPid(ConfigMapping.router(read(pg("\"pool_size\": 4"))
                .config().router()));
        assertFalse(removed.containsKey(PID + "~pg2"));
    }

    @Test
    void keysAndTypesAreCheckedWithTheirPaths() {
        assertOnly("workers[0].connectors[0].pool: unknown key (expected one of: authrole, connect_timeout_millis,"
                + " errors, event_id_kwarg, id, jdbc_url, max_queued_calls, max_result_rows, outbox,"
                + " outbox_batch_size, outbox_cleanup_interval_seconds, outbox_poll_millis, outbox_retention_seconds,"
                + " password, password_env, pool_size, procedures, progress_batch_rows, realm,"
                + " reconnect_initial_delay_millis, reconnect_max_delay_millis, statement_timeout_millis,"
                + " subscriptions, type, user)", pg("\"pool\": 4"));
        assertOnly("workers[0].connectors[0].jdbcUrl: unknown key (config.json spells it \"jdbc_url\": snake_case,"
                + " which becomes the connector's jdbcUrl)", "{\"type\": \"postgresql\", \"id\": \"pg1\", \"realm\":"
                + " \"realm1\", \"jdbc_url\": \"jdbc:postgresql://h/d\", \"jdbcUrl\": \"jdbc:postgresql://h/d\"}");
        assertOnly("workers[0].connectors[0].pool_size: expected an integer from 1 to 2147483647, got \"4\"",
                pg("\"pool_size\": \"4\""));
        assertOnly("workers[0].connectors[0].connect_timeout_millis: expected an integer from 250 to 2147483647,"
                + " got 100", pg("\"connect_timeout_millis\": 100"));
        assertOnly("workers[0].connectors[0].outbox_poll_millis: expected an integer from 100 to 2147483647, got"
                + " 1000.5", pg("\"outbox_poll_millis\": 1000.5"));
        assertOnly("workers[0].connectors[0].outbox: expected true or false, got \"no\"", pg("\"outbox\": \"no\""));
        assertOnly("workers[0].connectors[0].procedures: expected an array, got an object",
                pg("\"procedures\": {\"schema\": \"api\"}"));
        assertOnly("workers[0].connectors[0].errors: expected an object, got an array", pg("\"errors\": []"));
        assertOnly("workers[0].connectors[0].user: expected a non-empty string, got 7", pg("\"user\": 7"));
        assertOnly("workers[0].connectors[0].event_id_kwarg: expected a string (\"\" for no event id), got null",
                pg("\"event_id_kwarg\": null"));
        assertEquals(List.of("workers[0].connectors[0].id: missing (expected a string)",
                "workers[0].connectors[0].realm: missing (expected a string)",
                "workers[0].connectors[0].jdbc_url: missing (expected a string)"),
                errors("{\"type\": \"postgresql\"}"));
        assertOnly("workers[0].connectors[0]: expected an object, got \"pg1\"", "\"pg1\"");
        assertEquals(List.of("workers[0].connectors: expected an array, got an object"), NodeConfigReader.read(
                "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"connectors\": {}}]}", node).problems()
                .errors());
    }

    @Test
    void valuesAreCheckedAsTheConnectorWouldAtActivation() {
        assertOnly("workers[0].connectors[0].id: expected 1 to 63 of a-z, 0-9 and _ (the id becomes part of the"
                + " refresh procedure's URI and of the outbox cursor's row), got \"Pg-1\"",
                pg("").replace("\"pg1\"", "\"Pg-1\""));
        assertOnly("workers[0].connectors[0].jdbc_url: expected a PostgreSQL JDBC URL (jdbc:postgresql://host:port/"
                + "database), got \"jdbc:mysql://h/d\"", pg("").replace("jdbc:postgresql://127.0.0.1:5432/app",
                "jdbc:mysql://h/d"));
        assertOnly("workers[0].connectors[0].jdbc_url: expected a PostgreSQL JDBC URL (jdbc:postgresql://host:port/"
                + "database), got \"jdbc:mysql://h/d?user=u&password=***&ssl=true\"", pg("").replace(
                "jdbc:postgresql://127.0.0.1:5432/app", "jdbc:mysql://h/d?user=u&password=secret&ssl=true"));
        assertOnly("workers[0].connectors[0].password: expected a non-empty string (the value is not shown)",
                pg("\"password\": 123456"));
        assertOnly("workers[0].connectors[0].password_env: expected the name of an environment variable, got"
                + " \"PG PASSWORD\"", pg("\"password_env\": \"PG PASSWORD\""));
        assertEquals(List.of(
                "workers[0].connectors[0].procedures[5]: expected an object, got \"api\"",
                "workers[0].connectors[0].procedures[0].prefix: expected a URI prefix ending with '.' (e.g."
                        + " com.example.api.), got \"com.example.api\"",
                "workers[0].connectors[0].procedures[1].schema: expected a schema name (an unquoted SQL name), got"
                        + " \"My Schema\"",
                "workers[0].connectors[0].procedures[1].functions[1]: expected a function name of the schema (an"
                        + " unquoted SQL name), got \"a-b\"",
                "workers[0].connectors[0].procedures[2].function: expected schema.name (unquoted SQL names), got"
                        + " \"add\"",
                "workers[0].connectors[0].procedures[2].procedure: expected a procedure URI (not under wamp.), got"
                        + " \"wamp.add\"",
                "workers[0].connectors[0].procedures[3].schema: missing (expected a string)",
                "workers[0].connectors[0].procedures[3].prefix: missing (expected a string)",
                "workers[0].connectors[0].procedures[4].prefix: unknown key (expected one of: function, procedure)"),
                errors(pg("\"procedures\": [{\"schema\": \"api\", \"prefix\": \"com.example.api\"}, {\"schema\":"
                        + " \"My Schema\", \"prefix\": \"a.\", \"functions\": [\"ok\", \"a-b\"]}, {\"function\":"
                        + " \"add\", \"procedure\": \"wamp.add\"}, {}, {\"function\": \"api.f\", \"procedure\":"
                        + " \"com.f\", \"prefix\": \"com.\"}, \"api\"]")));
        assertEquals(List.of(
                "workers[0].connectors[0].subscriptions[0].topic: expected a topic URI, got \"com..log\"",
                "workers[0].connectors[0].subscriptions[1].match: expected one of \"exact\", \"prefix\","
                        + " \"wildcard\", got \"glob\"",
                "workers[0].connectors[0].subscriptions[2].function: expected [schema.]name (unquoted SQL names),"
                        + " got \"a.b.c\"",
                "workers[0].connectors[0].subscriptions[2].details: expected true or false, got 1",
                "workers[0].connectors[0].subscriptions[3].function: missing (expected a string)"),
                errors(pg("\"subscriptions\": [{\"topic\": \"com..log\", \"function\": \"f\"}, {\"topic\": \"a\","
                        + " \"match\": \"glob\", \"function\": \"f\"}, {\"topic\": \"com..log\", \"match\":"
                        + " \"wildcard\", \"function\": \"a.b.c\", \"details\": 1}, {\"topic\": \"a\"}]")));
        assertEquals(List.of(
                "workers[0].connectors[0].errors.P04: expected a SQLSTATE (5 characters, e.g. P0410) or SQLSTATE"
                        + " class (2, e.g. 23) as the key",
                "workers[0].connectors[0].errors.P0410: expected an error URI, got 7",
                "workers[0].connectors[0].errors.P0411: expected an error URI, got \"com.example error\""),
                errors(pg("\"errors\": {\"P04\": \"com.example.e\", \"P0410\": 7, \"P0411\": \"com.example error\","
                        + " \"p0412\": \"com.example.lower_case_sqlstate_is_fine\"}")));
        assertOnly("workers[0].connectors[0].reconnect_max_delay_millis: reconnect_max_delay_millis (100) must not"
                + " be below reconnect_initial_delay_millis (250, the default)",
                pg("\"reconnect_max_delay_millis\": 100"));
    }

    @Test
    void realmsIdsAndTypesAcrossTheWorker() {
        assertOnly("workers[0].connectors[0].realm: unknown realm \"app\" (this router's realms: realm1, realm2)",
                pg("").replace("\"realm1\"", "\"app\""));
        assertOnly("workers[0].connectors[1].id: duplicate postgresql connector id \"pg1\"", pg("") + ", "
                + pg("").replace("realm1", "realm2"));
        assertOnly("workers[0].connectors[0].type: not supported by Switchboard: connector type \"mysql\"; the"
                + " connector types are: \"postgresql\"", "{\"type\": \"mysql\", \"id\": \"m\", \"dsn\": \"x\"}");
        assertOnly("workers[0].connectors[0].type: not supported by Switchboard: connector type \"oracle\": there is"
                + " no Oracle dialect (bundles/connector-postgresql/README.md says what one would need); the"
                + " connector types are: \"postgresql\"", "{\"type\": \"oracle\"}");
        assertOnly("workers[0].connectors[0].type: missing (expected a string)", "{\"id\": \"pg1\"}");
        assertEquals(List.of("workers[1].connectors: not supported by Switchboard: connectors in a container worker:"
                + " a connector runs in the router's JVM; put it into the router worker's \"connectors\""),
                NodeConfigReader.read("{\"version\": 2, \"workers\": [{\"type\": \"router\"}, {\"type\":"
                        + " \"container\", \"components\": [], \"connectors\": []}]}", node).problems().errors());
        assertEquals(List.of("workers[0].connections: not supported by Switchboard: Crossbar's database connections"
                + " of the router worker; Switchboard's database connectors are the router worker's \"connectors\""
                + " (type \"postgresql\")"), NodeConfigReader.read("{\"version\": 2, \"workers\": [{\"type\":"
                + " \"router\", \"connections\": []}]}", node).problems().errors());
    }

    @Test
    void warningsForWhatWouldNotWorkAsMeant() {
        NodeConfigReader.Result both = read(pg("\"password\": \"x\", \"password_env\": \"PG1_PASSWORD\""));
        assertEquals(List.of(), both.problems().errors());
        assertEquals(List.of("workers[0].connectors[0].password: not used: password_env is given too, and wins"),
                both.problems().warnings());

        NodeConfigReader.Result unset = read(pg("\"password_env\": \"NOT_SET_HERE\""));
        assertEquals(List.of(), unset.problems().errors(), "check may run in another environment than the node");
        assertEquals(List.of("workers[0].connectors[0].password_env: environment variable NOT_SET_HERE is not set"
                + " here; the connector does not start unless the node's environment has it"),
                unset.problems().warnings());

        assertEquals(List.of("workers[0].connectors[0].authrole: realm realm1 has no role \"dbx\" (its roles:"
                + " anonymous, db): the connector's session may not register, publish or subscribe"),
                read(pg("\"authrole\": \"dbx\"")).problems().warnings());
        assertEquals(List.of(), read(pg("\"authrole\": \"db\"")).problems().warnings());
        assertEquals(List.of(), read(pg("\"authrole\": \"trusted\"")).problems().warnings());
        assertEquals(List.of(), read(pg("\"authrole\": \"any\"").replace("realm1", "realm2")).problems()
                .warnings(), "a realm without roles");
    }

    /**
     * Every setting of the connector (its metatype in the bundle the node runs) has a config.json key, and each
     * value has the type the connector declares.
     */
    @Test
    void everySettingOfTheConnectorBundleHasAKey() throws Exception {
        Path jar = Path.of(System.getProperty("switchboard.test.repository", "none")).resolve(
                "dev/switchboard/switchboard-connector-postgresql/" + System.getProperty(
                        "switchboard.test.property.project.version") + "/switchboard-connector-postgresql-"
                        + System.getProperty("switchboard.test.property.project.version") + ".jar");
        assumeTrue(Files.isRegularFile(jar), "the connector bundle is not installed in the local repository: " + jar);
        String metatype;
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(file.getEntry(
                        "OSGI-INF/metatype/dev.switchboard.connector.postgresql.PostgresConnectorConfig.xml"))) {
            metatype = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, String> declared = new TreeMap<>();
        Matcher ad = Pattern.compile("<AD id=\"([^\"]+)\" type=\"([^\"]+)\"").matcher(metatype);
        while (ad.find()) {
            declared.put(ad.group(1), ad.group(2));
        }
        assertEquals(new TreeSet<>(declared.keySet()), ConnectorReader.keys().stream().filter(key -> !key.equals(
                "type")).map(ConnectorReader::camelCase).collect(Collectors.toCollection(TreeSet::new)));

        Map<String, Object> properties = properties(read("""
                {"type": "postgresql", "id": "pg1", "realm": "realm1", "authrole": "db",
                 "jdbc_url": "jdbc:postgresql://h/d", "user": "u", "password": "p", "password_env": "PG1_PASSWORD",
                 "procedures": [], "subscriptions": [], "errors": {}, "outbox": true, "pool_size": 1,
                 "statement_timeout_millis": 1, "connect_timeout_millis": 250, "max_queued_calls": 1,
                 "max_result_rows": 1, "progress_batch_rows": 1, "outbox_batch_size": 1, "outbox_poll_millis": 100,
                 "outbox_retention_seconds": 0, "outbox_cleanup_interval_seconds": 1, "event_id_kwarg": "e",
                 "reconnect_initial_delay_millis": 10, "reconnect_max_delay_millis": 10}"""), "pg1");
        assertEquals(declared.keySet(), properties.keySet());
        declared.forEach((key, type) -> assertEquals(switch (type) {
            case "Integer" -> Integer.class;
            case "Boolean" -> Boolean.class;
            default -> String.class;
        }, properties.get(key).getClass(), key));
    }
}
