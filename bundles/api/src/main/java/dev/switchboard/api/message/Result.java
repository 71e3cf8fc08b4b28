package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** RESULT (50): The result of a CALL. */
public final class Result extends Message {
    public static final int TYPE = 50;

    private final long request;
    private final Map<String, Object> details;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Result(long request, Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) {
        this.request = request;
        this.details = details == null ? Map.of() : details;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Result(long request, Map<String, Object> details) {
        this(request, details, null, null);
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long request() {
        return request;
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
        if (!(o instanceof Result that)) return false;
        return request == that.request
                && Objects.equals(details, that.details)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, details, args, kwargs);
    }

    @Override
    public String toString() {
        return "RESULT[" + request + ", " + details + ", " + args + ", " + kwargs + "]";
    }
}
