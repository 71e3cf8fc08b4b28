package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** WELCOME (2): Sent by the router when a session is established. */
public final class Welcome extends Message {
    public static final int TYPE = 2;

    private final long session;
    private final Map<String, Object> details;

    public Welcome(long session, Map<String, Object> details) {
        this.session = session;
        this.details = details == null ? Map.of() : details;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long session() {
        return session;
    }

    public Map<String, Object> details() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Welcome that)) return false;
        return session == that.session
                && Objects.equals(details, that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(session, details);
    }

    @Override
    public String toString() {
        return "WELCOME[" + session + ", " + details + "]";
    }
}
