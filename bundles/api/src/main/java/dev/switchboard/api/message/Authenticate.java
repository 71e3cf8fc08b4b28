package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** AUTHENTICATE (5): The client's answer to a CHALLENGE. */
public final class Authenticate extends Message {
    public static final int TYPE = 5;

    private final String signature;
    private final Map<String, Object> extra;

    public Authenticate(String signature, Map<String, Object> extra) {
        this.signature = signature;
        this.extra = extra == null ? Map.of() : extra;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public String signature() {
        return signature;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Authenticate that)) return false;
        return Objects.equals(signature, that.signature)
                && Objects.equals(extra, that.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signature, extra);
    }

    @Override
    public String toString() {
        return "AUTHENTICATE[" + signature + ", " + extra + "]";
    }
}
