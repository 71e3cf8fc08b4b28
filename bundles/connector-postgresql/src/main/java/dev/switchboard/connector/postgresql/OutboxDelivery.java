package dev.switchboard.connector.postgresql;

import dev.switchboard.client.Publication;
import dev.switchboard.client.PublishOptions;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: reads committed events after this connector's cursor in event-id (= commit) order, publishes
 * them on the connector's session with acknowledgement, and moves the cursor past what the router accepted. A batch
 * is published pipelined (one session keeps order) and then awaited. The cursor is stored after the batch, so a
 * crash or an outage in between means those events are published again: at-least-once, with the event id in
 * kwargs ({@code eventIdKwarg}) for subscribers to drop duplicates. An event the router refuses (invalid topic, not
 * authorized) can never be delivered: it is logged, counted and passed over instead of blocking the outbox.
 * Called on the listener thread only.
 */
final class OutboxDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final long ACK_TIMEOUT_SECONDS = 10;
    private static final int CLEANUP_BATCH = 10_000;
    private static final Set<String> LIST_OPTIONS = Set.of("eligible", "exclude", "eligible_authid",
            "exclude_authid", "eligible_authrole", "exclude_authrole");

    private final ConnectorSettings settings;
    private final ConnectorStats stats;
    /** Option keys already warned about, so that a trigger firing a million times logs once. */
    private final Set<String> unknownOptionsLogged = ConcurrentHashMap.newKeySet();
    private long cursor = -1;
    private boolean claimed;
    private boolean standbyLogged;
    private Instant nextCleanup = Instant.MIN;

    OutboxDelivery(ConnectorSettings settings, ConnectorStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    /**
     * Whether this connection holds the delivery lock of this connector id: a session-level advisory lock, so that
     * two nodes configured with the same connector (or an old and a new one overlapping in a restart) do not both
     * deliver. It goes with the connection; a standby takes it over at its next try. Cheap when already held.
     */
    boolean claim(Connection connection) throws SQLException {
        if (claimed) {
            return true;
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(2003133808, hashtext(?))")) {
            lock.setString(1, settings.id());
            try (ResultSet rs = lock.executeQuery()) {
                claimed = rs.next() && rs.getBoolean(1);
            }
        }
        if (claimed) {
            loadCursor(connection); // where the previous holder got to, not where it was when we connected
            if (standbyLogged) {
                LOG.info("{}: took over delivering the outbox", settings.id());
            }
            standbyLogged = false;
        } else if (!standbyLogged) {
            LOG.info("{}: another connector with this id delivers the outbox; standing by", settings.id());
            standbyLogged = true;
        }
        return claimed;
    }

    /** A new connection holds no lock yet. */
    void connectionLost() {
        claimed = false;
    }

    /** Reads the stored cursor: on every claim (after each reconnect), as the database is the truth. */
    private void loadCursor(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_seq FROM wamp.outbox_cursor WHERE connector = ?")) {
            select.setString(1, settings.id());
            try (ResultSet rs = select.executeQuery()) {
                cursor = rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Publishes everything committed after the cursor.
     *
     * @return {@code false} when delivery stopped because the session ended (the rest waits for the next one)
     */
    boolean drain(Connection connection, WampSession session) throws SQLException {
        while (true) {
            List<OutboxEvent> batch = read(connection);
            if (batch.isEmpty()) {
                return true;
            }
            long delivered = publish(batch, session);
            if (delivered > cursor) {
                storeCursor(connection, delivered);
            }
            if (delivered < batch.get(batch.size() - 1).seq()) {
                return false;
            }
            if (batch.size() < settings.outboxBatchSize()) {
                return true;
            }
        }
    }

    private List<OutboxEvent> read(Connection connection) throws SQLException {
        List<OutboxEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, topic, args::text, kwargs::text, options::text FROM wamp.outbox "
                        + "WHERE seq > ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, cursor);
            select.setInt(2, settings.outboxBatchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return events;
    }

    /** Publishes a batch; returns the event id up to which the router accepted (or refused) every event. */
    private long publish(List<OutboxEvent> batch, WampSession session) {
        List<CompletableFuture<Publication>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(publish(event, session));
        }
        long delivered = cursor;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent event = batch.get(i);
            try {
                acks.get(i).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                stats.eventPublished();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SessionClosedException || !(e.getCause() instanceof WampException)) {
                    return delivered; // the session is gone: publish again on the next one
                }
                WampException refused = (WampException) e.getCause();
                stats.eventRejected();
                LOG.warn("{}: the router refused outbox event {} on '{}' ({}); it is skipped", settings.id(),
                        event.seq(), event.topic(), refused.getMessage());
            } catch (TimeoutException e) {
                LOG.warn("{}: no acknowledgement for outbox event {} within {} s; it will be published again",
                        settings.id(), event.seq(), ACK_TIMEOUT_SECONDS);
                return delivered;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delivered;
            }
            delivered = event.seq();
        }
        return delivered;
    }

    private CompletableFuture<Publication> publish(OutboxEvent event, WampSession session) {
        try {
            List<Object> args = event.args() == null ? null : asList(Json.parse(event.args()));
            Map<String, Object> kwargs = event.kwargs() == null ? null : asMap(Json.parse(event.kwargs()));
            if (settings.eventIdKwarg() != null) {
                kwargs = kwargs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(kwargs);
                kwargs.put(settings.eventIdKwarg(), event.seq());
            }
            return session.publish(event.topic(), args, kwargs, options(event));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new WampException("wamp.error.invalid_argument",
                    "unusable outbox row: " + e.getMessage()));
        }
    }

    /** wamp.publish's options as PublishOptions; the event is always acknowledged (that is how we know). */
    private PublishOptions options(OutboxEvent event) {
        PublishOptions options = PublishOptions.defaults().withAcknowledge(true);
        if (event.options() == null) {
            return options;
        }
        for (Map.Entry<String, Object> e : asMap(Json.parse(event.options())).entrySet()) {
            Object v = e.getValue();
            String key = e.getKey();
            if (LIST_OPTIONS.contains(key)) {
                options = withList(options, key, asList(v));
                continue;
            }
            switch (key) {
                case "acknowledge" -> { }
                case "exclude_me" -> options = options.withExcludeMe(Boolean.TRUE.equals(v));
                case "disclose_me" -> options = options.withDiscloseMe(Boolean.TRUE.equals(v));
                case "retain" -> options = options.withRetain(Boolean.TRUE.equals(v));
                default -> {
                    if (unknownOptionsLogged.add(key)) {
                        LOG.warn("{}: wamp.publish option '{}' is not known and is ignored", settings.id(), key);
                    }
                }
            }
        }
        return options;
    }

    private static PublishOptions withList(PublishOptions options, String key, List<Object> values) {
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Number n) {
                ids.add(n.longValue());
            } else {
                names.add(String.valueOf(value));
            }
        }
        return switch (key) {
            case "eligible" -> options.withEligible(ids);
            case "exclude" -> options.withExclude(ids);
            case "eligible_authid" -> options.withEligibleAuthid(names);
            case "exclude_authid" -> options.withExcludeAuthid(names);
            case "eligible_authrole" -> options.withEligibleAuthrole(names);
            default -> options.withExcludeAuthrole(names);
        };
    }

    private void storeCursor(Connection connection, long delivered) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE wamp.outbox_cursor SET last_seq = ?, updated_at = now() WHERE connector = ?")) {
            update.setLong(1, delivered);
            update.setString(2, settings.id());
            update.executeUpdate();
        }
        cursor = delivered;
    }

    /**
     * Deletes delivered rows (delivered by every connector's cursor) older than the retention, at most every
     * cleanup interval, in bounded batches so that a large backlog does not become one long transaction.
     */
    void cleanupIfDue(Connection connection) throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(settings.outboxCleanupInterval());
        long deleted = 0;
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM wamp.outbox WHERE id IN (SELECT id FROM wamp.outbox "
                        + "WHERE seq <= (SELECT min(last_seq) FROM wamp.outbox_cursor) "
                        + "AND created_at < now() - make_interval(secs => ?) ORDER BY seq LIMIT ?)")) {
            delete.setLong(1, settings.outboxRetention().toSeconds());
            delete.setInt(2, CLEANUP_BATCH);
            int n;
            do {
                n = delete.executeUpdate();
                deleted += n;
            } while (n == CLEANUP_BATCH && deleted < 10L * CLEANUP_BATCH);
        }
        if (deleted > 0) {
            LOG.debug("{}: deleted {} delivered outbox rows", settings.id(), deleted);
        }
    }

    long cursor() {
        return cursor;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object json) {
        if (json instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException("expected a JSON array, got " + json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        if (json instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a JSON object, got " + json);
    }

    /** One committed outbox row; JSON columns as text. */
    private record OutboxEvent(long seq, String topic, String args, String kwargs, String options) {}

    @Override
    public String toString() {
        return "OutboxDelivery[" + settings.id() + ", cursor=" + cursor + "]";
    }
}
