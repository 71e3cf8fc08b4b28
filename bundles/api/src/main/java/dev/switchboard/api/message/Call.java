package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** CALL (48): Calls a procedure. */
public final class Call extends Message {
    public static final int TYPE = 48;

    private final long request;
    private final Map<String, Object> options;
    private final String procedure;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Call(long request, Map<String, Object> options, String procedure, List<Object> args, Map<String, Object> kwargs) {
        this.request = request;
        this.options = options == null ? Map.of() : options;
        this.procedure = procedure;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Call(long request, Map<String, Object> options, String procedure) {
        this(request, options, procedure, null, null);
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

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Call that)) return false;
        return request == that.request
                && Objects.equals(options, that.options)
                && Objects.equals(procedure, that.procedure)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, options, procedure, args, kwargs);
    }

    @Override
    public String toString() {
        return "CALL[" + request + ", " + options + ", " + procedure + ", " + args + ", " + kwargs + "]";
    }
}
