package dev.switchboard.client;

import java.util.List;
import java.util.Map;

/** An event as a subscriber receives it. */
public record Event(List<Object> args, Map<String, Object> kwargs, EventDetails details) {

    public Event {
        args = Payloads.copy(args);
        kwargs = Payloads.copy(kwargs);
    }

    /** Positional argument {@code index}, or {@code null} when there are fewer arguments. */
    public Object arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** The topic the event was published to. */
    public String topic() {
        return details.topic();
    }

    /** The publisher's session id, or {@code null} when not disclosed. */
    public Long publisher() {
        return details.publisher();
    }

    public boolean retained() {
        return details.retained();
    }
}
