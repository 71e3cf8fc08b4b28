package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** UNSUBSCRIBED (35): Acknowledges an UNSUBSCRIBE; with request 0 and details, a revocation (Advanced Profile). */
public final class Unsubscribed extends Message {
    public static final int TYPE = 35;

    private final long request;
    private final Map<String, Object> details;

    public Unsubscribed(long request, Map<String, Object> details) {
        this.request = request;
        this.details = details == null ? Map.of() : details;
    }

    public Unsubscribed(long request) {
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
        if (!(o instanceof Unsubscribed that)) return false;
        return request == that.request
                && Objects.equals(details, that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, details);
    }

    @Override
    public String toString() {
        return "UNSUBSCRIBED[" + request + ", " + details + "]";
    }
}
