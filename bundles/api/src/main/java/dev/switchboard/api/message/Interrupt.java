package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** INTERRUPT (69): Asks a callee to stop a running invocation (Advanced Profile). */
public final class Interrupt extends Message {
    public static final int TYPE = 69;

    private final long request;
    private final Map<String, Object> options;

    public Interrupt(long request, Map<String, Object> options) {
        this.request = request;
        this.options = options == null ? Map.of() : options;
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Interrupt that)) return false;
        return request == that.request
                && Objects.equals(options, that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, options);
    }

    @Override
    public String toString() {
        return "INTERRUPT[" + request + ", " + options + "]";
    }
}
