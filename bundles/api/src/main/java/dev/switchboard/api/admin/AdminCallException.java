package dev.switchboard.api.admin;

import java.util.List;
import java.util.Map;

/** A WAMP ERROR answered to an admin call or publish. */
public class AdminCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String uri;
    private final transient List<Object> args;
    private final transient Map<String, Object> kwargs;

    public AdminCallException(String uri, List<Object> args, Map<String, Object> kwargs) {
        super(uri + (args == null || args.isEmpty() ? "" : ": " + args.get(0)));
        this.uri = uri;
        this.args = args == null ? List.of() : args;
        this.kwargs = kwargs == null ? Map.of() : kwargs;
    }

    public String uri() {
        return uri;
    }

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }
}
