package dev.switchboard.connector.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.WampException;
import dev.switchboard.connector.postgresql.ArgumentBinder.BoundCall;
import dev.switchboard.connector.postgresql.FunctionDescriptor.Parameter;
import dev.switchboard.connector.postgresql.FunctionDescriptor.ResultShape;
import dev.switchboard.connector.postgresql.FunctionDescriptor.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call rules without a database: which SQL text and which values a WAMP call becomes. */
class ArgumentBinderTest {

    private static FunctionDescriptor function(int defaults, boolean variadic, Parameter... params) {
        return new FunctionDescriptor("com.example.f", "api", "f", 1, List.of(params), defaults, variadic,
                ResultShape.SCALAR, "sig");
    }

    private static Parameter plain(String name, String type) {
        return new Parameter(name, type, TypeKind.PLAIN);
    }

    private static BoundCall bind(FunctionDescriptor f, List<Object> args, Map<String, Object> kwargs) {
        return ArgumentBinder.bind(List.of(f), args, kwargs);
    }

    @Test
    void positionalArgumentsAreCastToTheParameterTypes() {
        BoundCall call = bind(function(0, false, plain("a", "integer"), plain("b", "text")), List.of(1, "x"),
                Map.of());
        assertEquals("SELECT \"api\".\"f\"(?::integer, ?::text)", call.sql());
        assertEquals(List.of("1", "x"), call.values());
    }

    @Test
    void aLeftOutDefaultSwitchesToNamedNotation() {
        FunctionDescriptor f = function(2, false, plain("a", "integer"), plain("b", "text"), plain("c", "text"));
        assertEquals("SELECT \"api\".\"f\"(?::integer, \"c\" => ?::text)",
                bind(f, List.of(1), Map.of("c", "z")).sql());
        assertEquals("SELECT \"api\".\"f\"(?::integer)", bind(f, List.of(1), Map.of()).sql());
    }

    @Test
    void missingUnknownAndDoubleArgumentsAreInvalid() {
        FunctionDescriptor f = function(0, false, plain("a", "integer"), plain("b", "integer"));
        assertInvalid(f, List.of(1), Map.of(), "missing argument 'b'");
        assertInvalid(f, List.of(1, 2), Map.of("zz", 1), "no parameter named 'zz'");
        assertInvalid(f, List.of(1, 2), Map.of("a", 1), "given by position and by keyword");
        assertInvalid(f, List.of(1, 2, 3), Map.of(), "at most 2");
        assertInvalid(f, List.of(Map.of("k", 1), 2), Map.of(), "is an object");
    }

    private static void assertInvalid(FunctionDescriptor f, List<Object> args, Map<String, Object> kwargs,
            String reason) {
        WampException e = assertThrows(WampException.class, () -> bind(f, args, kwargs));
        assertEquals("wamp.error.invalid_argument", e.uri());
        assertTrue(e.args().get(0).toString().contains(reason), e.args().toString());
    }

    @Test
    void jsonArraysCompositesAndNulls() {
        FunctionDescriptor f = function(0, false, new Parameter("doc", "jsonb", TypeKind.JSON),
                new Parameter("tags", "text[]", TypeKind.ARRAY), new Parameter("p", "api.point", TypeKind.COMPOSITE),
                plain("n", "integer"));
        BoundCall call = bind(f, Arrays.asList("just a string", List.of("a", "b\"c", List.of()), Map.of("x", 1),
                null), Map.of());
        assertEquals("SELECT \"api\".\"f\"(?::jsonb, ?::text[], jsonb_populate_record(NULL::api.point, ?::jsonb), "
                + "NULL::integer)", call.sql());
        assertEquals(List.of("\"just a string\"", "{\"a\",\"b\\\"c\",{}}", "{\"x\":1}"), call.values());
    }

    @Test
    void integralDoublesReachIntegerParametersAsIntegers() {
        assertEquals(List.of("2", "2.5"), bind(function(0, false, plain("a", "integer"), plain("b", "numeric")),
                List.of(2.0, 2.5), Map.of()).values());
    }

    @Test
    void variadicTakesTheRemainingPositionalArguments() {
        FunctionDescriptor f = function(0, true, plain("sep", "text"), new Parameter("parts", "text[]",
                TypeKind.ARRAY));
        BoundCall call = bind(f, List.of("-", "a", "b"), Map.of());
        assertEquals("SELECT \"api\".\"f\"(?::text, VARIADIC ?::text[])", call.sql());
        assertEquals(List.of("-", "{\"a\",\"b\"}"), call.values());
    }

    @Test
    void overloadsAreToldApartByArityAndAmbiguityIsAnError() {
        FunctionDescriptor one = function(0, false, plain("r", "double precision"));
        FunctionDescriptor two = new FunctionDescriptor("com.example.f", "api", "f", 2,
                List.of(plain("w", "double precision"), plain("h", "double precision")), 1, false,
                ResultShape.SCALAR, "w double precision, h double precision DEFAULT 1");
        assertEquals(two, ArgumentBinder.bind(List.of(one, two), List.of(1, 2), Map.of()).function());
        assertEquals(two, ArgumentBinder.bind(List.of(one, two), List.of(), Map.of("w", 3)).function());
        WampException ambiguous = assertThrows(WampException.class,
                () -> ArgumentBinder.bind(List.of(one, two), List.of(1), Map.of()));
        assertTrue(ambiguous.args().get(0).toString().contains("ambiguous"));
        assertEquals(2, ((List<?>) ambiguous.kwargs().get("signatures")).size());
    }

    @Test
    void setReturningFunctionsAreSelectedFrom() {
        FunctionDescriptor f = new FunctionDescriptor("u", "api", "rows", 1, new ArrayList<>(), 0, false,
                ResultShape.ROW_SET, "");
        assertEquals("SELECT * FROM \"api\".\"rows\"()", bind(f, List.of(), Map.of()).sql());
    }
}
