package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** HELLO (1): Sent by a client to open a session on a realm. */
public final class Hello extends Message {
    public static final int TYPE = 1;

    private final String realm;
    private final Map<String, Object> details;

    public Hello(String realm, Map<String, Object> details) {
        this.realm = realm;
        this.details = details == null ? Map.of() : details;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public String realm() {
        return realm;
    }

    public Map<String, Object> details() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Hello that)) return false;
        return Objects.equals(realm, that.realm)
                && Objects.equals(details, that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(realm, details);
    }

    @Override
    public String toString() {
        return "HELLO[" + realm + ", " + details + "]";
    }
}
