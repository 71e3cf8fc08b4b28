package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** YIELD (70): A callee's result for an INVOCATION. */
public final class Yield extends Message {
    public static final int TYPE = 70;

    private final long request;
    private final Map<String, Object> options;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Yield(long request, Map<String, Object> options, List<Object> args, Map<String, Object> kwargs) {
        this.request = request;
        this.options = options == null ? Map.of() : options;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Yield(long request, Map<String, Object> options) {
        this(request, options, null, null);
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

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Yield that)) return false;
        return request == that.request
                && Objects.equals(options, that.options)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, options, args, kwargs);
    }

    @Override
    public String toString() {
        return "YIELD[" + request + ", " + options + ", " + args + ", " + kwargs + "]";
    }
}
