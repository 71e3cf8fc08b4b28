package dev.switchboard.connector.postgresql;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One PostgreSQL connector: a factory configuration of {@value PostgresConnectorComponent#PID}, one per database
 * and realm. The keys of the issue's {@code config.json} form map one to one (snake_case there, camelCase here:
 * {@code jdbc_url} is {@code jdbcUrl}, {@code password_env} is {@code passwordEnv}).
 */
@ObjectClassDefinition(
        name = "Switchboard PostgreSQL connector",
        description = "Exposes PostgreSQL functions as WAMP procedures, publishes the events SQL code writes with "
                + "wamp.publish(...) and calls SQL functions for WAMP events.")
public @interface PostgresConnectorConfig {

    @AttributeDefinition(description = "Connector id: names its threads, its pool and its outbox cursor in the "
            + "database (wamp.outbox_cursor). a-z, 0-9 and _ (it is part of the refresh procedure URI).")
    String id();

    @AttributeDefinition(description = "Realm the connector joins (through the in-process connector).")
    String realm() default "realm1";

    @AttributeDefinition(description = "Authrole asked for in HELLO; empty for none.")
    String authrole() default "";

    @AttributeDefinition(description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/app")
    String jdbcUrl();

    @AttributeDefinition(description = "Database user; empty to take it from the JDBC URL.")
    String user() default "";

    @AttributeDefinition(description = "Database password (never logged); prefer passwordEnv.",
            type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Name of an environment variable holding the password; wins over password.")
    String passwordEnv() default "";

    @AttributeDefinition(description = "Functions to expose, as JSON: [{\"schema\": \"api\", \"prefix\": "
            + "\"com.example.api.\"}] exposes every function of a schema, add \"functions\": [\"add\"] to pick "
            + "some; {\"function\": \"api.add\", \"procedure\": \"com.example.add\"} exposes one under a chosen URI.")
    String procedures() default "[]";

    @AttributeDefinition(description = "WAMP events to hand to SQL functions, as JSON: [{\"topic\": "
            + "\"com.example.log.\", \"match\": \"prefix\", \"function\": \"api.store_event\"}]; the function "
            + "takes (args jsonb, kwargs jsonb), or with \"details\": true also (details jsonb).")
    String subscriptions() default "[]";

    @AttributeDefinition(description = "SQLSTATE (5 characters) or SQLSTATE class (2 characters) to error URI, as "
            + "JSON: {\"P0002\": \"com.example.error.not_found\"}. A HINT that is a URI wins over this map.")
    String errors() default "{}";

    @AttributeDefinition(description = "Install the wamp schema and deliver what SQL publishes with wamp.publish.")
    boolean outbox() default true;

    @AttributeDefinition(description = "Pooled connections for calls and event functions.", min = "1")
    int poolSize() default 4;

    @AttributeDefinition(description = "Statement timeout in ms for every call (SET statement_timeout).", min = "1")
    int statementTimeoutMillis() default 30000;

    @AttributeDefinition(description = "How long a call waits for a connection, and the TCP connect timeout, in ms; "
            + "a call then fails with switchboard.db.unavailable instead of hanging.", min = "250")
    int connectTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Calls waiting for a connection beyond this fail with "
            + "switchboard.db.overloaded.", min = "1")
    int maxQueuedCalls() default 1000;

    @AttributeDefinition(description = "Most rows a SETOF/TABLE function may return in one RESULT; callers that "
            + "ask for progressive results get any number, in batches of progressBatchRows.", min = "1")
    int maxResultRows() default 10000;

    @AttributeDefinition(description = "Rows per progressive result.", min = "1")
    int progressBatchRows() default 500;

    @AttributeDefinition(description = "Outbox rows read and published per batch.", min = "1")
    int outboxBatchSize() default 500;

    @AttributeDefinition(description = "The outbox is read at least this often (ms) even without NOTIFY; it is "
            + "also the liveness check of the listening connection.", min = "100")
    int outboxPollMillis() default 5000;

    @AttributeDefinition(description = "Delivered outbox rows are deleted once older than this (seconds).", min = "0")
    int outboxRetentionSeconds() default 3600;

    @AttributeDefinition(description = "How often delivered rows are cleaned up (seconds).", min = "1")
    int outboxCleanupIntervalSeconds() default 60;

    @AttributeDefinition(description = "kwargs key carrying the outbox event id (stable across redeliveries, so "
            + "subscribers can drop duplicates); empty for none.")
    String eventIdKwarg() default "_event_id";

    @AttributeDefinition(description = "First delay (ms) before reconnecting to the database or re-joining the "
            + "realm; doubles up to reconnectMaxDelayMillis.", min = "10")
    int reconnectInitialDelayMillis() default 250;

    @AttributeDefinition(description = "Longest reconnect delay (ms).", min = "10")
    int reconnectMaxDelayMillis() default 30000;
}
