package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** PUBLISH (16): Publishes an event to a topic. */
public final class Publish extends Message {
    public static final int TYPE = 16;

    private final long request;
    private final Map<String, Object> options;
    private final String topic;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Publish(long request, Map<String, Object> options, String topic, List<Object> args, Map<String, Object> kwargs) {
        this.request = request;
        this.options = options == null ? Map.of() : options;
        this.topic = topic;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Publish(long request, Map<String, Object> options, String topic) {
        this(request, options, topic, null, null);
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

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Publish that)) return false;
        return request == that.request
                && Objects.equals(options, that.options)
                && Objects.equals(topic, that.topic)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, options, topic, args, kwargs);
    }

    @Override
    public String toString() {
        return "PUBLISH[" + request + ", " + options + ", " + topic + ", " + args + ", " + kwargs + "]";
    }
}
