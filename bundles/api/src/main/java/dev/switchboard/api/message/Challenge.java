package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** CHALLENGE (4): Sent by the router during authentication. */
public final class Challenge extends Message {
    public static final int TYPE = 4;

    private final String authMethod;
    private final Map<String, Object> extra;

    public Challenge(String authMethod, Map<String, Object> extra) {
        this.authMethod = authMethod;
        this.extra = extra == null ? Map.of() : extra;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public String authMethod() {
        return authMethod;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Challenge that)) return false;
        return Objects.equals(authMethod, that.authMethod)
                && Objects.equals(extra, that.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authMethod, extra);
    }

    @Override
    public String toString() {
        return "CHALLENGE[" + authMethod + ", " + extra + "]";
    }
}
