package dev.switchboard.connector.postgresql;

import dev.switchboard.client.Event;
import dev.switchboard.client.EventDetails;
import dev.switchboard.client.SubscribeOptions;
import dev.switchboard.client.WampSession;
import dev.switchboard.connector.postgresql.ConnectorSettings.SubscriptionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAMP to SQL: subscribes to the configured topics and calls each one's function once per event, with the event's
 * args and kwargs as {@code jsonb} (and its details, if configured). Events of one subscription are handled one at
 * a time in arrival order, on that subscription's client lane, so the function sees them in order. A failing
 * function, or a database that is down, costs that event only: it is logged (at most one line per
 * {@value #LOG_INTERVAL_MILLIS} ms, with the count of what was not logged) and counted, and the connector goes on.
 */
final class EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventSink.class);
    private static final long LOG_INTERVAL_MILLIS = 1000;

    private final ConnectorSettings settings;
    private final DataSource pool;
    private final BooleanSupplier databaseUp;
    private final ConnectorStats stats;
    private final AtomicLong lastLogged = new AtomicLong();
    private final AtomicLong unlogged = new AtomicLong();

    EventSink(ConnectorSettings settings, DataSource pool, BooleanSupplier databaseUp, ConnectorStats stats) {
        this.settings = settings;
        this.pool = pool;
        this.databaseUp = databaseUp;
        this.stats = stats;
    }

    /** Subscribes every configured topic on a new session. */
    void subscribeAll(WampSession session) {
        for (SubscriptionSpec spec : settings.subscriptions()) {
            session.subscribe(spec.topic(), event -> store(spec, event),
                    SubscribeOptions.defaults().withMatch(spec.match()))
                    .whenComplete((subscription, error) -> {
                        if (error != null) {
                            LOG.warn("{}: cannot subscribe to '{}' for {}: {}", settings.id(), spec.topic(),
                                    spec.function(), error.getMessage());
                        }
                    });
        }
    }

    void store(SubscriptionSpec spec, Event event) {
        if (!databaseUp.getAsBoolean()) {
            // Fail fast: waiting for a connection per event while the database is down would only pile events up
            failed(spec, event, "the database is not reachable");
            return;
        }
        String sql = "SELECT " + spec.function() + "(?::jsonb, ?::jsonb" + (spec.details() ? ", ?::jsonb)" : ")");
        try (Connection c = pool.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, Json.write(event.args()), Types.OTHER);
            statement.setObject(2, Json.write(event.kwargs()), Types.OTHER);
            if (spec.details()) {
                statement.setObject(3, Json.write(details(event.details())), Types.OTHER);
            }
            statement.execute();
            stats.eventStored();
        } catch (SQLException | RuntimeException e) {
            failed(spec, event, e.getMessage());
        }
    }

    private static Map<String, Object> details(EventDetails d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", d.topic());
        details.put("publication", d.publication());
        details.put("subscription", d.subscription());
        if (d.publisher() != null) {
            details.put("publisher", d.publisher());
            details.put("publisher_authid", d.publisherAuthid());
            details.put("publisher_authrole", d.publisherAuthrole());
        }
        details.put("retained", d.retained());
        return details;
    }

    private void failed(SubscriptionSpec spec, Event event, String why) {
        stats.eventStoreFailed();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_MILLIS && lastLogged.compareAndSet(last, now)) {
            long skipped = unlogged.getAndSet(0);
            LOG.warn("{}: event on '{}' not stored by {}: {}{}", settings.id(), event.topic(), spec.function(), why,
                    skipped > 0 ? " (and " + skipped + " more failures not logged)" : "");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
