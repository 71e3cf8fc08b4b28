package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** CANCEL (49): Cancels a pending CALL (Advanced Profile). */
public final class Cancel extends Message {
    public static final int TYPE = 49;

    private final long request;
    private final Map<String, Object> options;

    public Cancel(long request, Map<String, Object> options) {
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
        if (!(o instanceof Cancel that)) return false;
        return request == that.request
                && Objects.equals(options, that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, options);
    }

    @Override
    public String toString() {
        return "CANCEL[" + request + ", " + options + "]";
    }
}
