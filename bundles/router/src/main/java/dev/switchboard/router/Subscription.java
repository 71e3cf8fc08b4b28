package dev.switchboard.router;

import java.util.LinkedHashSet;
import java.util.Set;

/** One subscription per (topic, match policy), shared by all its subscribers as the spec requires. Actor-confined. */
final class Subscription {
    final long id;
    final String topic;
    final String match;
    final Set<Session> subscribers = new LinkedHashSet<>();

    Subscription(long id, String topic, String match) {
        this.id = id;
        this.topic = topic;
        this.match = match;
    }

    @Override
    public String toString() {
        return "Subscription[" + id + ", " + topic + ", " + match + ", subscribers=" + subscribers.size() + "]";
    }
}
