package dev.switchboard.router;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One subscription per (topic, match policy), shared by all its subscribers as the spec requires. A subscription
 * with event history configured is permanent: it outlives its last subscriber. Actor-confined.
 */
final class Subscription {
    final long id;
    final String topic;
    final Match match;
    final Instant created = Instant.now();
    final Set<Session> subscribers = new LinkedHashSet<>();
    /** Kept events, or {@code null} when this topic keeps no history. */
    final EventHistory history;

    Subscription(long id, String topic, Match match, EventHistory history) {
        this.id = id;
        this.topic = topic;
        this.match = match;
        this.history = history;
    }

    boolean permanent() {
        return history != null;
    }

    /** As the subscription meta API describes it. */
    Map<String, Object> metaDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("created", created.toString());
        d.put("uri", topic);
        d.put("match", match.wireName());
        return d;
    }

    @Override
    public String toString() {
        return "Subscription[" + id + ", " + topic + ", " + match + ", subscribers=" + subscribers.size() + "]";
    }
}
