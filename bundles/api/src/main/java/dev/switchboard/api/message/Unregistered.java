package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** UNREGISTERED (67): Acknowledges an UNREGISTER; with request 0 and details, a revocation (Advanced Profile). */
public final class Unregistered extends Message {
    public static final int TYPE = 67;

    private final long request;
    private final Map<String, Object> details;

    public Unregistered(long request, Map<String, Object> details) {
        this.request = request;
        this.details = details == null ? Map.of() : details;
    }

    public Unregistered(long request) {
        this(request, null);
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long request() {
        return request;
    }

    public Map<String, Object> details() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Unregistered that)) return false;
        return request == that.request
                && Objects.equals(details, that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, details);
    }

    @Override
    public String toString() {
        return "UNREGISTERED[" + request + ", " + details + "]";
    }
}
