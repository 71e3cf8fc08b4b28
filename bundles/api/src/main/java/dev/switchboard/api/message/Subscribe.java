package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** SUBSCRIBE (32): Subscribes to a topic. */
public final class Subscribe extends Message {
    public static final int TYPE = 32;

    private final long request;
    private final Map<String, Object> options;
    private final String topic;

    public Subscribe(long request, Map<String, Object> options, String topic) {
        this.request = request;
        this.options = options == null ? Map.of() : options;
        this.topic = topic;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long request() {
        return request;
    }

    public Map<String, Object> options() {
        return options;
    }

    public String topic() {
        return topic;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Subscribe that)) return false;
        return request == that.request
                && Objects.equals(options, that.options)
                && Objects.equals(topic, that.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, options, topic);
    }

    @Override
    public String toString() {
        return "SUBSCRIBE[" + request + ", " + options + ", " + topic + "]";
    }
}
