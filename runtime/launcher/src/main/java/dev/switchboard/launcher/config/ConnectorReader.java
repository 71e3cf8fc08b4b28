package dev.switchboard.launcher.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.switchboard.launcher.config.NodeConfig.ConnectorSpec;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A router worker's {@code connectors}: {@code {"type": "postgresql", ...}} onto a factory configuration
 * {@code dev.switchboard.connector.postgresql~<id>}, key for key as the connector's README says (snake_case here,
 * camelCase there; {@code procedures}, {@code subscriptions} and {@code errors} as JSON text). Everything the
 * connector would refuse at activation is refused here first, with its JSON path, so that a bad connector stops
 * {@code check} and {@code start} instead of failing in the log of a running node.
 */
final class ConnectorReader {

    static final String POSTGRESQL_PID = "dev.switchboard.connector.postgresql";

    /** The connector's own id rule: it is part of URIs (the refresh procedure) and of database rows. */
    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,63}");
    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern SQLSTATE_OR_CLASS = Pattern.compile("[0-9A-Z]{2}|[0-9A-Z]{5}");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> MATCHES = List.of("exact", "prefix", "wildcard");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&]*");

    /** The plain string keys, in the order the README lists them ({@code password} is read apart: never shown). */
    private static final List<String> STRINGS = List.of("authrole", "user");

    /** The tuning keys: whole numbers from their minimum (the connector's) to Integer.MAX_VALUE. */
    private static final Map<String, Integer> INTEGERS = integers();

    private static Map<String, Integer> integers() {
        Map<String, Integer> minimum = new LinkedHashMap<>();
        minimum.put("pool_size", 1);
        minimum.put("statement_timeout_millis", 1);
        minimum.put("connect_timeout_millis", 250);
        minimum.put("max_queued_calls", 1);
        minimum.put("max_result_rows", 1);
        minimum.put("progress_batch_rows", 1);
        minimum.put("outbox_batch_size", 1);
        minimum.put("outbox_poll_millis", 100);
        minimum.put("outbox_retention_seconds", 0);
        minimum.put("outbox_cleanup_interval_seconds", 1);
        minimum.put("reconnect_initial_delay_millis", 10);
        minimum.put("reconnect_max_delay_millis", 10);
        return Collections.unmodifiableMap(minimum); // in this order, for messages in the order of the README
    }

    /** The connector's defaults where two keys are checked against each other. */
    private static final long DEFAULT_RECONNECT_INITIAL_DELAY_MILLIS = 250;
    private static final long DEFAULT_RECONNECT_MAX_DELAY_MILLIS = 30000;

    private final Problems problems;
    private final UnaryOperator<String> environment;

    /**
     * @param environment the environment the router runs with, to warn about a {@code password_env} that is not
     *                    set (only a warning: {@code check} may run in another environment than the node)
     */
    ConnectorReader(Problems problems, UnaryOperator<String> environment) {
        this.problems = problems;
        this.environment = environment;
    }

    static Set<String> keys() {
        Set<String> keys = new HashSet<>(List.of("type", "id", "realm", "jdbc_url", "password_env", "procedures",
                "subscriptions", "errors", "outbox", "event_id_kwarg"));
        keys.addAll(STRINGS);
        keys.add("password");
        keys.addAll(INTEGERS.keySet());
        return keys;
    }

    /** snake_case to the connector's camelCase: {@code jdbc_url} is {@code jdbcUrl}. */
    static String camelCase(String key) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** Checks and returns a connector, {@code null} when it has errors or its type is not one Switchboard has. */
    ConnectorSpec read(Obj connector) {
        int before = problems.errorCount();
        String type = connector.string("type", true);
        if (type == null) {
            return null;
        }
        switch (type) {
            case "postgresql" -> {
                return postgresql(connector, before);
            }
            case "oracle" -> problems.unsupported(connector.at("type"), "connector type \"oracle\": there is no"
                    + " Oracle dialect (bundles/connector-postgresql/README.md says what one would need); the"
                    + " connector types are: \"postgresql\"");
            default -> problems.unsupported(connector.at("type"), "connector type " + Obj.describe(connector.raw(
                    "type")) + "; the connector types are: \"postgresql\"");
        }
        return null;
    }

    private ConnectorSpec postgresql(Obj connector, int before) {
        Set<String> supported = keys();
        JsonObject rest = connector.json().deepCopy();
        for (String key : connector.json().keySet()) {
            String snake = snakeCase(key);
            if (!supported.contains(key) && supported.contains(snake)) {
                problems.error(connector.at(key), "unknown key (config.json spells it \"" + snake + "\": snake_case,"
                        + " which becomes the connector's " + key + ")");
                rest.remove(key); // reported here, not again as an unknown key
            }
        }
        new Obj(rest, connector.path(), problems).check(Keys.of(supported.toArray(new String[0])));
        Map<String, Object> properties = new LinkedHashMap<>();
        String id = id(connector);
        properties.put("id", id);
        String realm = connector.string("realm", true);
        properties.put("realm", realm);
        for (String key : STRINGS) {
            properties.put(camelCase(key), connector.string(key, false));
        }
        String jdbcUrl = jdbcUrl(connector);
        properties.put("jdbcUrl", jdbcUrl);
        properties.put("password", password(connector));
        properties.put("passwordEnv", passwordEnv(connector));
        properties.put("procedures", procedures(connector));
        properties.put("subscriptions", subscriptions(connector));
        properties.put("errors", errors(connector));
        properties.put("outbox", connector.bool("outbox"));
        for (Map.Entry<String, Integer> tuning : INTEGERS.entrySet()) {
            Long value = connector.integer(tuning.getKey(), tuning.getValue(), Integer.MAX_VALUE, false);
            properties.put(camelCase(tuning.getKey()), value == null ? null : value.intValue());
        }
        reconnectDelays(connector, properties);
        properties.put("eventIdKwarg", eventIdKwarg(connector));
        if (problems.errorCount() > before) {
            return null;
        }
        return new ConnectorSpec("postgresql", id, POSTGRESQL_PID, realm, (String) properties.get("authrole"),
                orderedWithoutNulls(properties), connector.path());
    }

    private String id(Obj connector) {
        String id = connector.string("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            problems.error(connector.at("id"), "expected 1 to 63 of a-z, 0-9 and _ (the id becomes part of the"
                    + " refresh procedure's URI and of the outbox cursor's row), got " + Obj.describe(connector.raw(
                    "id")));
            return null;
        }
        return id;
    }

    /** A URL that is not one is shown with any {@code password=} parameter masked, as the connector logs it. */
    private String jdbcUrl(Obj connector) {
        JsonElement value = connector.raw("jdbc_url");
        if (value == null) {
            problems.error(connector.at("jdbc_url"), "missing (expected a string)");
            return null;
        }
        if (!Obj.isString(value) || !value.getAsString().startsWith("jdbc:postgresql:")) {
            String shown = Obj.isString(value) ? Obj.describe(new JsonPrimitive(PASSWORD_PARAMETER.matcher(
                    value.getAsString()).replaceAll("$1***"))) : Obj.describe(value);
            problems.error(connector.at("jdbc_url"), "expected a PostgreSQL JDBC URL (jdbc:postgresql://host:port/"
                    + "database), got " + shown);
            return null;
        }
        return value.getAsString();
    }

    /** A secret: what is wrong with it is said without showing it. */
    private String password(Obj connector) {
        JsonElement value = connector.raw("password");
        if (value == null) {
            return null;
        }
        if (!Obj.isString(value) || value.getAsString().isEmpty()) {
            problems.error(connector.at("password"), "expected a non-empty string (the value is not shown)");
            return null;
        }
        return value.getAsString();
    }

    private String passwordEnv(Obj connector) {
        String variable = connector.string("password_env", false);
        if (variable == null) {
            return null;
        }
        if (!ENVIRONMENT_VARIABLE.matcher(variable).matches()) {
            problems.error(connector.at("password_env"), "expected the name of an environment variable, got "
                    + Obj.describe(connector.raw("password_env")));
            return null;
        }
        if (connector.has("password")) {
            problems.warn(connector.at("password"), "not used: password_env is given too, and wins");
        }
        if (environment.apply(variable) == null) {
            problems.warn(connector.at("password_env"), "environment variable " + variable + " is not set here; the"
                    + " connector does not start unless the node's environment has it");
        }
        return variable;
    }

    /** {@code {"schema", "prefix", "functions"?}} or {@code {"function", "procedure"}}, as JSON text. */
    private String procedures(Obj connector) {
        JsonArray procedures = connector.array("procedures", false);
        if (procedures == null) {
            return null;
        }
        for (Obj entry : connector.objects("procedures", false)) {
            if (entry.has("function")) {
                entry.check(Keys.of("function", "procedure"));
                String function = entry.string("function", true);
                if (function != null && !(QUALIFIED_NAME.matcher(function).matches() && function.contains("."))) {
                    problems.error(entry.at("function"), "expected schema.name (unquoted SQL names), got "
                            + Obj.describe(entry.raw("function")));
                }
                String procedure = entry.string("procedure", true);
                if (procedure != null && !applicationUri(procedure)) {
                    problems.error(entry.at("procedure"), "expected a procedure URI (not under wamp.), got "
                            + Obj.describe(entry.raw("procedure")));
                }
            } else {
                entry.check(Keys.of("schema", "prefix", "functions"));
                String schema = entry.string("schema", true);
                if (schema != null && !SQL_NAME.matcher(schema).matches()) {
                    problems.error(entry.at("schema"), "expected a schema name (an unquoted SQL name), got "
                            + Obj.describe(entry.raw("schema")));
                }
                String prefix = entry.string("prefix", true);
                if (prefix != null && !(prefix.endsWith(".") && applicationUri(prefix + "x"))) {
                    problems.error(entry.at("prefix"), "expected a URI prefix ending with '.' (e.g."
                            + " com.example.api.), got " + Obj.describe(entry.raw("prefix")));
                }
                List<String> functions = entry.strings("functions", false);
                for (int i = 0; functions != null && i < functions.size(); i++) {
                    if (!SQL_NAME.matcher(functions.get(i)).matches()) {
                        problems.error(Obj.index(entry.at("functions"), i), "expected a function name of the schema"
                                + " (an unquoted SQL name), got " + Obj.describe(entry.json().getAsJsonArray(
                                "functions").get(i)));
                    }
                }
            }
        }
        return procedures.toString();
    }

    /** {@code {"topic", "match", "function", "details"}}, as JSON text. */
    private String subscriptions(Obj connector) {
        JsonArray subscriptions = connector.array("subscriptions", false);
        if (subscriptions == null) {
            return null;
        }
        for (Obj entry : connector.objects("subscriptions", false)) {
            entry.check(Keys.of("topic", "match", "function", "details"));
            String match = entry.oneOf("match", MATCHES, "exact");
            String topic = entry.string("topic", true);
            if (topic != null && match != null && !uri(topic, !match.equals("exact"))) {
                problems.error(entry.at("topic"), "expected a topic URI" + (match.equals("exact") ? ""
                        : " or " + match + " pattern") + ", got " + Obj.describe(entry.raw("topic")));
            }
            String function = entry.string("function", true);
            if (function != null && !QUALIFIED_NAME.matcher(function).matches()) {
                problems.error(entry.at("function"), "expected [schema.]name (unquoted SQL names), got "
                        + Obj.describe(entry.raw("function")));
            }
            entry.bool("details");
        }
        return subscriptions.toString();
    }

    /** SQLSTATE (5 characters) or class (2) to an error URI, as JSON text. */
    private String errors(Obj connector) {
        Obj errors = connector.object("errors", false);
        if (errors == null) {
            return null;
        }
        for (Map.Entry<String, JsonElement> entry : errors.json().entrySet()) {
            String at = errors.at(entry.getKey());
            if (!SQLSTATE_OR_CLASS.matcher(entry.getKey().toUpperCase(Locale.ROOT)).matches()) {
                problems.error(at, "expected a SQLSTATE (5 characters, e.g. P0410) or SQLSTATE class (2, e.g. 23)"
                        + " as the key");
            }
            JsonElement uri = entry.getValue();
            if (!Obj.isString(uri) || !uri(uri.getAsString(), false)) {
                problems.error(at, "expected an error URI, got " + Obj.describe(uri));
            }
        }
        return errors.json().toString();
    }

    private void reconnectDelays(Obj connector, Map<String, Object> properties) {
        Object initial = properties.get("reconnectInitialDelayMillis");
        Object max = properties.get("reconnectMaxDelayMillis");
        long initialMillis = initial == null ? DEFAULT_RECONNECT_INITIAL_DELAY_MILLIS : (Integer) initial;
        long maxMillis = max == null ? DEFAULT_RECONNECT_MAX_DELAY_MILLIS : (Integer) max;
        if ((initial != null || max != null) && maxMillis < initialMillis) {
            String key = max != null ? "reconnect_max_delay_millis" : "reconnect_initial_delay_millis";
            problems.error(connector.at(key), "reconnect_max_delay_millis (" + maxMillis + (max == null
                    ? ", the default" : "") + ") must not be below reconnect_initial_delay_millis (" + initialMillis
                    + (initial == null ? ", the default" : "") + ")");
        }
    }

    /** Any string, "" included (no event id in kwargs). */
    private String eventIdKwarg(Obj connector) {
        JsonElement value = connector.raw("event_id_kwarg");
        if (value == null) {
            return null;
        }
        if (!Obj.isString(value) || (!value.getAsString().isEmpty() && value.getAsString().isBlank())) {
            problems.error(connector.at("event_id_kwarg"), "expected a string (\"\" for no event id), got "
                    + Obj.describe(value));
            return null;
        }
        return value.getAsString();
    }

    private static String snakeCase(String key) {
        StringBuilder snake = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    /** A loose WAMP URI (the router's default check); with {@code pattern} empty components are allowed. */
    static boolean uri(String uri, boolean pattern) {
        if (uri.isEmpty()) {
            return pattern;
        }
        for (String component : uri.split("\\.", -1)) {
            if (component.isEmpty() && !pattern) {
                return false;
            }
            for (int i = 0; i < component.length(); i++) {
                char c = component.charAt(i);
                if (c == '#' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean applicationUri(String uri) {
        return uri(uri, false) && !uri.startsWith("wamp.");
    }

    private static Map<String, Object> orderedWithoutNulls(Map<String, Object> properties) {
        Map<String, Object> result = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (value != null) {
                result.put(key, value);
            }
        });
        return result;
    }
}
