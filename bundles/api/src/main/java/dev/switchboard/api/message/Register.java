package dev.switchboard.api.message;

import java.util.Map;
import java.util.Objects;

/** REGISTER (64): Registers a procedure. */
public final class Register extends Message {
    public static final int TYPE = 64;

    private final long request;
    private final Map<String, Object> options;
    private final String procedure;

    public Register(long request, Map<String, Object> options, String procedure) {
        this.request = request;
        this.options = options == null ? Map.of() : options;
        this.procedure = procedure;
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

    public String procedure() {
        return procedure;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Register that)) return false;
        return request == that.request
                && Objects.equals(options, that.options)
                && Objects.equals(procedure, that.procedure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, options, procedure);
    }

    @Override
    public String toString() {
        return "REGISTER[" + request + ", " + options + ", " + procedure + "]";
    }
}
