package dev.switchboard.connector.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The error URI rule: hint, then configured SQLSTATE or class, then the built-in classes. */
class SqlErrorsTest {
    private static final Map<String, String> CONFIGURED = Map.of("P0410", "com.example.gone",
            "P1", "com.example.p1_class");

    private static String uri(String state, String hint) {
        return SqlErrors.uri(new SQLException("x", state), state, hint, CONFIGURED);
    }

    @Test
    void aHintThatIsAUriWins() {
        assertEquals("com.example.not_found", uri("P0001", "com.example.not_found"));
        assertEquals("com.example.not_found", uri("23505", " com.example.not_found "));
        assertEquals("switchboard.db.error", uri("P0001", "Check the order id."), "a human hint is no URI");
        assertEquals("switchboard.db.error", uri("P0001", "single"), "one component is no URI");
    }

    @Test
    void configuredSqlstatesThenClasses() {
        assertEquals("com.example.gone", uri("P0410", null));
        assertEquals("com.example.p1_class", uri("P1234", null));
    }

    @Test
    void builtInClasses() {
        assertEquals("wamp.error.invalid_argument", uri("22P02", null));
        assertEquals("wamp.error.invalid_argument", uri("22012", null));
        assertEquals(SqlErrors.INTEGRITY, uri("23505", null));
        assertEquals(SqlErrors.ROLLBACK, uri("40001", null));
        assertEquals(SqlErrors.TIMEOUT, uri("57014", null));
        assertEquals("wamp.error.not_authorized", uri("42501", null));
        assertEquals(SqlErrors.UNAVAILABLE, uri("08006", null));
        assertEquals(SqlErrors.UNAVAILABLE, uri("57P01", null));
        assertEquals(SqlErrors.DB_ERROR, uri("42883", null));
        assertEquals(SqlErrors.UNAVAILABLE, SqlErrors.uri(new SQLTransientConnectionException("pool timeout"),
                null, null, Map.of()));
    }
}
