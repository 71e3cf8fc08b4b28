package dev.switchboard.connector.postgresql;

import dev.switchboard.api.uri.Uris;
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.WampException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns SQL errors into WAMP errors with stable URIs. The URI is, first match wins:
 * <ol>
 *   <li>the error's HINT, when the whole hint is a URI of two or more components (e.g.
 *       {@code RAISE EXCEPTION 'no such order' USING HINT = 'com.example.error.not_found'});</li>
 *   <li>the configured {@code errors} map, by SQLSTATE and then by SQLSTATE class (so a custom SQLSTATE, e.g.
 *       {@code USING ERRCODE = 'P0404'}, can be given its URI);</li>
 *   <li>the built-in classes: {@value #UNAVAILABLE} (class 08, server shutting down, no pooled connection in time),
 *       {@value #TIMEOUT} (57014: statement timeout or cancel), {@code wamp.error.invalid_argument} (class 22: bad
 *       input such as {@code 'x'::integer}), {@value #INTEGRITY} (class 23), {@value #ROLLBACK} (class 40:
 *       serialization failure or deadlock, worth retrying), {@code wamp.error.not_authorized} (42501);</li>
 *   <li>{@value #DB_ERROR} for everything else.</li>
 * </ol>
 * {@code args} is {@code [message]}; {@code kwargs} has {@code sqlstate}, {@code message} and, when PostgreSQL sent
 * them, {@code detail}, {@code hint}, {@code schema}, {@code table}, {@code column}, {@code constraint},
 * {@code datatype}. The server's internal query text and source location are never sent to callers.
 */
final class SqlErrors {
    static final String DB_ERROR = "switchboard.db.error";
    static final String UNAVAILABLE = "switchboard.db.unavailable";
    static final String TIMEOUT = "switchboard.db.timeout";
    static final String INTEGRITY = "switchboard.db.integrity_violation";
    static final String ROLLBACK = "switchboard.db.transaction_rollback";
    static final String OVERLOADED = "switchboard.db.overloaded";
    static final String RESULT_TOO_LARGE = "switchboard.db.result_too_large";

    private static final Pattern HINT_URI = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");

    private SqlErrors() {}

    static WampException toWamp(SQLException e, Map<String, String> configured) {
        String state = e.getSQLState();
        ServerErrorMessage server = e instanceof PSQLException pe ? pe.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("sqlstate", state);
        kwargs.put("message", message);
        String hint = null;
        if (server != null) {
            hint = server.getHint();
            putIfPresent(kwargs, "detail", server.getDetail());
            putIfPresent(kwargs, "hint", hint);
            putIfPresent(kwargs, "schema", server.getSchema());
            putIfPresent(kwargs, "table", server.getTable());
            putIfPresent(kwargs, "column", server.getColumn());
            putIfPresent(kwargs, "constraint", server.getConstraint());
            putIfPresent(kwargs, "datatype", server.getDatatype());
        }
        return new WampException(uri(e, state, hint, configured), List.of(message == null ? state : message),
                kwargs);
    }

    static String uri(SQLException e, String state, String hint, Map<String, String> configured) {
        if (hint != null && HINT_URI.matcher(hint.trim()).matches() && Uris.isValid(hint.trim(), false, false)) {
            return hint.trim();
        }
        if (state != null) {
            String mapped = configured.get(state);
            if (mapped == null && state.length() == 5) {
                mapped = configured.get(state.substring(0, 2));
            }
            if (mapped != null) {
                return mapped;
            }
        }
        if (isUnavailable(e, state)) {
            return UNAVAILABLE;
        }
        return switch (state.substring(0, 2)) {
            case "22" -> WampErrors.INVALID_ARGUMENT;
            case "23" -> INTEGRITY;
            case "40" -> ROLLBACK;
            default -> switch (state) {
                case "57014" -> TIMEOUT;
                case "42501" -> WampErrors.NOT_AUTHORIZED;
                default -> DB_ERROR;
            };
        };
    }

    /** Whether the database cannot be reached (as opposed to refusing this one statement). */
    static boolean isUnavailable(SQLException e, String state) {
        return e instanceof SQLTransientConnectionException || state == null || state.length() != 5
                || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03");
    }

    private static void putIfPresent(Map<String, Object> kwargs, String key, String value) {
        if (value != null && !value.isEmpty()) {
            kwargs.put(key, value);
        }
    }
}
