package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** GOODBYE (6): Closes an established session; the other side answers with GOODBYE. */
public final class Goodbye extends Message {
    public static final int TYPE = 6;

    private final Map<String, Object> details;
    private final String reason;

    public Goodbye(Map<String, Object> details, String reason) {
        this.details = details == null ? Map.of() : details;
        this.reason = reason;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public Map<String, Object> details() {
        return details;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Goodbye that)) return false;
        return Objects.equals(details, that.details)
                && Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(details, reason);
    }

    @Override
    public String toString() {
        return "GOODBYE[" + details + ", " + reason + "]";
    }
}
