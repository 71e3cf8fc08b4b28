package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** ERROR (8): An error reply to a request of type {@code requestType}. */
public final class Error extends Message {
    public static final int TYPE = 8;

    private final int requestType;
    private final long request;
    private final Map<String, Object> details;
    private final String error;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Error(int requestType, long request, Map<String, Object> details, String error, List<Object> args, Map<String, Object> kwargs) {
        this.requestType = requestType;
        this.request = request;
        this.details = details == null ? Map.of() : details;
        this.error = error;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Error(int requestType, long request, Map<String, Object> details, String error) {
        this(requestType, request, details, error, null, null);
    }

    @Override
    public int type() {
        return TYPE;
    }

    public int requestType() {
        return requestType;
    }

    public long request() {
        return request;
    }

    public Map<String, Object> details() {
        return details;
    }

    public String error() {
        return error;
    }

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Error that)) return false;
        return requestType == that.requestType
                && request == that.request
                && Objects.equals(details, that.details)
                && Objects.equals(error, that.error)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestType, request, details, error, args, kwargs);
    }

    @Override
    public String toString() {
        return "ERROR[" + requestType + ", " + request + ", " + details + ", " + error + ", " + args + ", " + kwargs + "]";
    }
}
