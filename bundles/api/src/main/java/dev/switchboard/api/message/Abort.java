package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** ABORT (3): Ends a session that is being opened, or a session after a protocol violation. */
public final class Abort extends Message {
    public static final int TYPE = 3;

    private final Map<String, Object> details;
    private final String reason;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Abort(Map<String, Object> details, String reason, List<Object> args, Map<String, Object> kwargs) {
        this.details = details == null ? Map.of() : details;
        this.reason = reason;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Abort(Map<String, Object> details, String reason) {
        this(details, reason, null, null);
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

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Abort that)) return false;
        return Objects.equals(details, that.details)
                && Objects.equals(reason, that.reason)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(details, reason, args, kwargs);
    }

    @Override
    public String toString() {
        return "ABORT[" + details + ", " + reason + ", " + args + ", " + kwargs + "]";
    }
}
