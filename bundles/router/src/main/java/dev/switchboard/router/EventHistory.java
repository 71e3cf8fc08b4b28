package dev.switchboard.router;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last events of one subscription, bounded in count (WAMP spec, advanced: event history). Events published
 * with session-id black/whitelists are not kept: session ids mean nothing to a later reader.
 */
final class EventHistory {
    private final int limit;
    private final ArrayDeque<Stored> events = new ArrayDeque<>();

    record Stored(Instant timestamp, long subscription, long publication, String topic, Map<String, Object> details,
            List<Object> args, Map<String, Object> kwargs, RecipientFilter filter) {}

    EventHistory(int limit) {
        this.limit = limit;
    }

    void add(Stored event) {
        if (events.size() == limit) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    int size() {
        return events.size();
    }

    /**
     * The events {@code reader} may see that satisfy every filter in {@code query} (the keyword arguments of
     * wamp.subscription.get_events).
     *
     * @throws IllegalArgumentException for a malformed filter value
     */
    List<Object> query(Map<String, Object> query, Session reader) {
        boolean reverse = Dicts.bool(query, "reverse", false);
        int max = positiveInt(query, "limit", Integer.MAX_VALUE);
        Instant fromTime = time(query, "from_time");
        Instant afterTime = time(query, "after_time");
        Instant beforeTime = time(query, "before_time");
        Instant untilTime = time(query, "until_time");
        String topic = query.get("topic") instanceof String s ? s : null;
        int from = position(query, "from_publication", 0);
        int after = position(query, "after_publication", -1);
        int before = position(query, "before_publication", Integer.MAX_VALUE);
        int until = position(query, "until_publication", Integer.MAX_VALUE - 1);
        List<Stored> all = new ArrayList<>(events);
        List<Object> result = new ArrayList<>();
        for (int n = 0; n < all.size() && result.size() < max; n++) {
            int i = reverse ? all.size() - 1 - n : n;
            Stored e = all.get(i);
            if (i < from || i <= after || i >= before || i > until
                    || (fromTime != null && e.timestamp.isBefore(fromTime))
                    || (afterTime != null && !e.timestamp.isAfter(afterTime))
                    || (beforeTime != null && !e.timestamp.isBefore(beforeTime))
                    || (untilTime != null && e.timestamp.isAfter(untilTime))
                    || (topic != null && !topic.equals(e.topic))
                    || (e.filter != null && !e.filter.accepts(reader))) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", e.timestamp.toString());
            m.put("subscription", e.subscription);
            m.put("publication", e.publication);
            m.put("details", e.details);
            if (e.args != null) {
                m.put("args", e.args);
            }
            if (e.kwargs != null) {
                m.put("kwargs", e.kwargs);
            }
            result.add(m);
        }
        return result;
    }

    /** Index of the event with the publication id named by {@code key}; absent key gives {@code fallback}. */
    private int position(Map<String, Object> query, String key, int fallback) {
        Object v = query.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new IllegalArgumentException("'" + key + "' must be a publication id");
        }
        long publication = ((Number) v).longValue();
        int i = 0;
        for (Iterator<Stored> it = events.iterator(); it.hasNext(); i++) {
            if (it.next().publication == publication) {
                return i;
            }
        }
        throw new IllegalArgumentException("no publication " + publication + " in this subscription's history");
    }

    private static int positiveInt(Map<String, Object> query, String key, int fallback) {
        Object v = query.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1) {
            throw new IllegalArgumentException("'" + key + "' must be a positive integer");
        }
        return (int) Math.min(Integer.MAX_VALUE, ((Number) v).longValue());
    }

    private static Instant time(Map<String, Object> query, String key) {
        Object v = query.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + key + "' must be an RFC 3339 timestamp, got '" + v + "'");
        }
    }
}
