package dev.switchboard.client;

import java.util.List;
import java.util.Map;

/**
 * A WAMP error: the ERROR a router answers a request with, the ABORT it answers a HELLO with, or what a procedure
 * throws to make the caller get an ERROR with this URI, args and kwargs.
 */
public class WampException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final transient List<Object> args;
    private final transient Map<String, Object> kwargs;

    /** An error with a payload; {@code null} args or kwargs mean none. */
    public WampException(String uri, List<?> args, Map<String, ?> kwargs) {
        super(describe(uri, args));
        this.uri = requireUri(uri);
        this.args = Payloads.copy(args);
        this.kwargs = Payloads.copy(kwargs);
    }

    /** An error whose only argument is a human-readable message, the convention routers use. */
    public WampException(String uri, String message) {
        this(uri, message == null ? List.of() : List.of(message), null);
    }

    public WampException(String uri) {
        this(uri, List.of(), null);
    }

    /** The error URI, e.g. {@code wamp.error.no_such_procedure}. */
    public String uri() {
        return uri;
    }

    /** Positional payload, never {@code null}. */
    public List<Object> args() {
        return args;
    }

    /** Keyword payload, never {@code null}. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    private static String requireUri(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw new IllegalArgumentException("a WAMP error needs an error URI");
        }
        return uri;
    }

    private static String describe(String uri, List<?> args) {
        if (args != null && !args.isEmpty() && args.get(0) instanceof String text) {
            return uri + ": " + text;
        }
        return args == null || args.isEmpty() ? uri : uri + " " + args;
    }
}
