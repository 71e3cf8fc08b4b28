package dev.switchboard.connector.postgresql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.uri.Uris;
import dev.switchboard.client.MatchPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A connector's validated, immutable configuration. Built once in activate: a bad value fails activation with a
 * message naming the key, never later at first use. {@link #toString()} leaves the password out.
 */
record ConnectorSettings(
        String id,
        String realm,
        String authrole,
        String jdbcUrl,
        String user,
        String password,
        List<ProcedureSource> procedures,
        List<SubscriptionSpec> subscriptions,
        Map<String, String> errorUris,
        boolean outbox,
        int poolSize,
        Duration statementTimeout,
        Duration connectTimeout,
        int maxQueuedCalls,
        int maxResultRows,
        int progressBatchRows,
        int outboxBatchSize,
        Duration outboxPoll,
        Duration outboxRetention,
        Duration outboxCleanupInterval,
        String eventIdKwarg,
        Duration reconnectInitialDelay,
        Duration reconnectMaxDelay) {

    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,63}");
    /** An SQL name with an optional schema, unquoted: PostgreSQL folds it to lower case as it would in SQL. */
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern SQLSTATE_OR_CLASS = Pattern.compile("[0-9A-Z]{2}|[0-9A-Z]{5}");

    /** Where functions come from: a whole schema under a URI prefix, or one function under a chosen URI. */
    sealed interface ProcedureSource permits SchemaExport, SingleFunction {
        String schema();
    }

    /** Every function of {@code schema} (or only those named in {@code only}) as {@code prefix + name}. */
    record SchemaExport(String schema, String prefix, Set<String> only) implements ProcedureSource {}

    /** Function {@code schema.name} (all its overloads) as {@code procedure}. */
    record SingleFunction(String schema, String name, String procedure) implements ProcedureSource {}

    /** Events on {@code topic} go to SQL function {@code function}. */
    record SubscriptionSpec(String topic, MatchPolicy match, String function, boolean details) {}

    static ConnectorSettings from(PostgresConnectorConfig c, UnaryOperator<String> environment) {
        String id = require("id", c.id());
        if (!ID.matcher(id).matches()) {
            throw invalid("id", "must be 1-63 of a-z, 0-9, _ (it becomes part of URIs and database rows)");
        }
        String jdbcUrl = require("jdbcUrl", c.jdbcUrl());
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw invalid("jdbcUrl", "must start with jdbc:postgresql:");
        }
        if (c.reconnectMaxDelayMillis() < c.reconnectInitialDelayMillis()) {
            throw invalid("reconnectMaxDelayMillis", "must not be below reconnectInitialDelayMillis");
        }
        return new ConnectorSettings(id, require("realm", c.realm()), blankToNull(c.authrole()), jdbcUrl,
                blankToNull(c.user()), password(c, environment),
                procedures(c.procedures()), subscriptions(c.subscriptions()), errorUris(c.errors()), c.outbox(),
                atLeast("poolSize", c.poolSize(), 1),
                Duration.ofMillis(atLeast("statementTimeoutMillis", c.statementTimeoutMillis(), 1)),
                Duration.ofMillis(atLeast("connectTimeoutMillis", c.connectTimeoutMillis(), 250)),
                atLeast("maxQueuedCalls", c.maxQueuedCalls(), 1),
                atLeast("maxResultRows", c.maxResultRows(), 1),
                atLeast("progressBatchRows", c.progressBatchRows(), 1),
                atLeast("outboxBatchSize", c.outboxBatchSize(), 1),
                Duration.ofMillis(atLeast("outboxPollMillis", c.outboxPollMillis(), 100)),
                Duration.ofSeconds(atLeast("outboxRetentionSeconds", c.outboxRetentionSeconds(), 0)),
                Duration.ofSeconds(atLeast("outboxCleanupIntervalSeconds", c.outboxCleanupIntervalSeconds(), 1)),
                blankToNull(c.eventIdKwarg()),
                Duration.ofMillis(atLeast("reconnectInitialDelayMillis", c.reconnectInitialDelayMillis(), 10)),
                Duration.ofMillis(atLeast("reconnectMaxDelayMillis", c.reconnectMaxDelayMillis(), 10)));
    }

    /** The meta procedure that re-reads the catalog: {@code switchboard.connector.postgresql.<id>.refresh}. */
    String refreshProcedure() {
        return "switchboard.connector.postgresql." + id + ".refresh";
    }

    /** The schemas whose functions are read from the catalog. */
    Set<String> schemas() {
        Set<String> schemas = new LinkedHashSet<>();
        procedures.forEach(p -> schemas.add(p.schema()));
        return schemas;
    }

    private static String password(PostgresConnectorConfig c, UnaryOperator<String> environment) {
        String variable = blankToNull(c.passwordEnv());
        if (variable != null) {
            String value = environment.apply(variable);
            if (value == null) {
                throw invalid("passwordEnv", "environment variable " + variable + " is not set");
            }
            return value;
        }
        return blankToNull(c.password());
    }

    static List<ProcedureSource> procedures(String json) {
        List<ProcedureSource> sources = new ArrayList<>();
        for (JsonNode entry : array("procedures", json)) {
            if (entry.has("function")) {
                String function = text(entry, "function", "procedures");
                if (!QUALIFIED_NAME.matcher(function).matches() || !function.contains(".")) {
                    throw invalid("procedures", "function '" + function + "' must be schema.name (unquoted)");
                }
                String procedure = text(entry, "procedure", "procedures");
                requireProcedureUri(procedure, procedure);
                int dot = function.indexOf('.');
                sources.add(new SingleFunction(folded(function.substring(0, dot)),
                        folded(function.substring(dot + 1)), procedure));
            } else {
                String schema = text(entry, "schema", "procedures");
                if (!SQL_NAME.matcher(schema).matches()) {
                    throw invalid("procedures", "schema '" + schema + "' is not a plain SQL name");
                }
                String prefix = text(entry, "prefix", "procedures");
                if (!prefix.endsWith(".")) {
                    throw invalid("procedures", "prefix '" + prefix + "' must end with '.'");
                }
                requireProcedureUri(prefix + "x", prefix);
                Set<String> only = new LinkedHashSet<>();
                if (entry.has("functions")) {
                    for (JsonNode f : entry.get("functions")) {
                        only.add(f.asText());
                    }
                }
                sources.add(new SchemaExport(folded(schema), prefix, Set.copyOf(only)));
            }
        }
        return List.copyOf(sources);
    }

    static List<SubscriptionSpec> subscriptions(String json) {
        List<SubscriptionSpec> specs = new ArrayList<>();
        for (JsonNode entry : array("subscriptions", json)) {
            String topic = text(entry, "topic", "subscriptions");
            MatchPolicy match = switch (entry.path("match").asText("exact")) {
                case "exact" -> MatchPolicy.EXACT;
                case "prefix" -> MatchPolicy.PREFIX;
                case "wildcard" -> MatchPolicy.WILDCARD;
                default -> throw invalid("subscriptions", "match must be exact, prefix or wildcard");
            };
            if (!Uris.isValid(topic, false, match != MatchPolicy.EXACT)) {
                throw invalid("subscriptions", "topic '" + topic + "' is not a valid URI");
            }
            String function = text(entry, "function", "subscriptions");
            if (!QUALIFIED_NAME.matcher(function).matches()) {
                throw invalid("subscriptions", "function '" + function + "' must be [schema.]name (unquoted)");
            }
            specs.add(new SubscriptionSpec(topic, match, function, entry.path("details").asBoolean(false)));
        }
        return List.copyOf(specs);
    }

    static Map<String, String> errorUris(String json) {
        JsonNode root = parse("errors", json);
        if (!root.isObject()) {
            throw invalid("errors", "must be a JSON object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey().toUpperCase(Locale.ROOT);
            String uri = e.getValue().asText();
            if (!SQLSTATE_OR_CLASS.matcher(key).matches()) {
                throw invalid("errors", "'" + e.getKey() + "' is neither a SQLSTATE nor a SQLSTATE class");
            }
            if (!Uris.isValid(uri, false, false)) {
                throw invalid("errors", "'" + uri + "' is not a valid URI");
            }
            map.put(key, uri);
        }
        return Map.copyOf(map);
    }

    private static void requireProcedureUri(String uri, String shown) {
        if (!Uris.isValid(uri, false, false) || Uris.isReserved(uri)) {
            throw invalid("procedures", "'" + shown + "' is not a valid application URI");
        }
    }

    /** Unquoted SQL names are case-insensitive; the catalog holds them in lower case. */
    private static String folded(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static List<JsonNode> array(String key, String json) {
        JsonNode root = parse(key, json);
        if (!root.isArray()) {
            throw invalid(key, "must be a JSON array");
        }
        List<JsonNode> entries = new ArrayList<>();
        root.forEach(entry -> {
            if (!entry.isObject()) {
                throw invalid(key, "every entry must be a JSON object");
            }
            entries.add(entry);
        });
        return entries;
    }

    private static JsonNode parse(String key, String json) {
        try {
            return Json.MAPPER.readTree(json == null || json.isBlank() ? "null" : json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(key, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode entry, String field, String key) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(key, "entry " + entry + " needs \"" + field + "\"");
        }
        return value.asText();
    }

    private static String require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(key, "is required");
        }
        return value.trim();
    }

    private static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw invalid(key, "must be at least " + min);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("PostgreSQL connector configuration: " + key + " " + problem);
    }

    /** The JDBC URL with any password parameter masked, for log lines. */
    String jdbcUrlForLogs() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "ConnectorSettings[id=" + id + ", realm=" + realm + ", authrole=" + authrole + ", jdbcUrl="
                + jdbcUrlForLogs() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", procedures=" + procedures + ", subscriptions=" + subscriptions + ", outbox=" + outbox
                + ", poolSize=" + poolSize + ", statementTimeout=" + statementTimeout + "]";
    }
}
