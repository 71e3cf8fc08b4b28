package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** INVOCATION (68): Asks a callee to run a procedure. */
public final class Invocation extends Message {
    public static final int TYPE = 68;

    private final long request;
    private final long registration;
    private final Map<String, Object> details;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Invocation(long request, long registration, Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) {
        this.request = request;
        this.registration = registration;
        this.details = details == null ? Map.of() : details;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Invocation(long request, long registration, Map<String, Object> details) {
        this(request, registration, details, null, null);
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long request() {
        return request;
    }

    public long registration() {
        return registration;
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Invocation that)) return false;
        return request == that.request
                && registration == that.registration
                && Objects.equals(details, that.details)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, registration, details, args, kwargs);
    }

    @Override
    public String toString() {
        return "INVOCATION[" + request + ", " + registration + ", " + details + ", " + args + ", " + kwargs + "]";
    }
}
