package dev.switchboard.connector.postgresql;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.WampException;
import dev.switchboard.connector.postgresql.FunctionDescriptor.Parameter;
import dev.switchboard.connector.postgresql.FunctionDescriptor.TypeKind;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a WAMP call's args and kwargs into the SQL text of a function call and its bind values.
 *
 * <p>Rules: positional args fill the parameters in order; kwargs fill parameters by name; a parameter left out
 * must have a default, and everything after a left-out parameter is passed in named notation ({@code b => ...}),
 * so defaults in the middle are honoured. A VARIADIC parameter takes the remaining positional args. Among overloads,
 * the one that accepts this number and these names of arguments is called; when none or several do, the caller gets
 * {@code wamp.error.invalid_argument}. Values are passed as text and cast to the parameter's type by PostgreSQL
 * ({@code ?::integer}), so PostgreSQL's own input rules apply (ISO 8601 timestamps, numeric strings, ...); JSON
 * parameters get the value's JSON text, arrays a PostgreSQL array literal, composite types a dict through
 * {@code jsonb_populate_record}, bytea the binary value itself.
 */
final class ArgumentBinder {

    /** A call ready to run: SQL text with {@code ?} markers, and how to fill them. */
    record BoundCall(FunctionDescriptor function, String sql, List<Object> values) {

        /** Sets the markers: {@code byte[]} as binary, everything else as untyped text that the SQL casts. */
        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof byte[] bytes) {
                    statement.setBytes(i + 1, bytes);
                } else {
                    statement.setObject(i + 1, value, Types.OTHER);
                }
            }
        }
    }

    private ArgumentBinder() {}

    /** Picks the overload these arguments fit and binds them; throws {@code wamp.error.invalid_argument}. */
    static BoundCall bind(List<FunctionDescriptor> overloads, List<Object> args, Map<String, Object> kwargs) {
        List<BoundCall> fits = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (FunctionDescriptor f : overloads) {
            try {
                fits.add(bindTo(f, args, kwargs));
            } catch (Mismatch e) {
                reasons.add(overloads.size() == 1 ? e.getMessage() : f.displayName() + ": " + e.getMessage());
            }
        }
        if (fits.size() == 1) {
            return fits.get(0);
        }
        if (fits.isEmpty()) {
            throw invalid(String.join("; ", reasons), overloads);
        }
        throw invalid("ambiguous call: " + fits.stream().map(b -> b.function().displayName())
                .collect(Collectors.joining(", ")) + " all accept these arguments", overloads);
    }

    /** Why arguments do not fit one function (overload resolution tries the next one). */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Binds to one function; a {@link Mismatch} says why the arguments do not fit. */
    static BoundCall bindTo(FunctionDescriptor f, List<Object> args, Map<String, Object> kwargs) {
        List<Parameter> params = f.parameters();
        int fixed = f.variadic() ? params.size() - 1 : params.size();
        if (args.size() > fixed && !f.variadic()) {
            throw new Mismatch(
                    "takes at most " + params.size() + " positional arguments, got " + args.size());
        }
        Set<String> unknown = new HashSet<>(kwargs.keySet());
        StringBuilder call = new StringBuilder(f.qualifiedName()).append('(');
        List<Object> values = new ArrayList<>();
        boolean named = false; // after a left-out parameter, PostgreSQL needs the names
        boolean first = true;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            boolean isVariadic = f.variadic() && i == params.size() - 1;
            boolean byPosition = i < args.size() && !isVariadic;
            boolean byName = p.name() != null && kwargs.containsKey(p.name());
            unknown.remove(p.name());
            Object value;
            if (byPosition && byName) {
                throw new Mismatch("argument '" + p.name() + "' given by position and by keyword");
            } else if (isVariadic && args.size() > fixed) {
                if (byName) {
                    throw new Mismatch("argument '" + p.name() + "' given by position and by keyword");
                }
                value = new ArrayList<>(args.subList(fixed, args.size()));
            } else if (byPosition) {
                value = args.get(i);
            } else if (byName) {
                value = kwargs.get(p.name());
            } else if (f.hasDefault(i)) {
                named = true;
                continue;
            } else {
                throw new Mismatch("missing argument "
                        + (p.name() == null ? "$" + (i + 1) : "'" + p.name() + "'") + " (" + p.typeName() + ")");
            }
            if (named && p.name() == null) {
                throw new Mismatch("argument $" + (i + 1)
                        + " has no name, so the defaulted arguments before it cannot be left out");
            }
            call.append(first ? "" : ", ");
            first = false;
            if (isVariadic) {
                call.append("VARIADIC ");
            }
            if (named || (byName && !byPosition)) {
                named = true; // positional notation may not follow named notation
                call.append(FunctionDescriptor.quote(p.name())).append(" => ");
            }
            call.append(expression(p, value, values));
        }
        if (!unknown.isEmpty()) {
            throw new Mismatch("no parameter named " + unknown.stream().sorted()
                    .map(n -> "'" + n + "'").collect(Collectors.joining(", ")));
        }
        call.append(')');
        String sql = switch (f.shape()) {
            case VOID, SCALAR -> "SELECT " + call;
            case ROW, ROW_SET, SCALAR_SET -> "SELECT * FROM " + call;
        };
        return new BoundCall(f, sql, List.copyOf(values));
    }

    /** The SQL expression for one argument; appends its bind value to {@code values}. */
    private static String expression(Parameter p, Object value, List<Object> values) {
        String type = p.typeName();
        if (value == null) {
            return "NULL::" + type;
        }
        TypeKind kind = p.kind();
        if (kind == TypeKind.BYTEA && value instanceof byte[] bytes) {
            values.add(bytes);
            return "?::" + type;
        }
        if (kind == TypeKind.COMPOSITE && value instanceof Map) {
            values.add(Json.write(value));
            return "jsonb_populate_record(NULL::" + type + ", ?::jsonb)";
        }
        values.add(text(p, value));
        return "?::" + type;
    }

    /** The text PostgreSQL parses as a value of the parameter's type. */
    static String text(Parameter p, Object value) {
        return switch (p.kind()) {
            case JSON -> Json.write(value);
            case ARRAY -> value instanceof List<?> list ? arrayLiteral(list) : scalarText(p, value);
            default -> scalarText(p, value);
        };
    }

    private static String scalarText(Parameter p, Object value) {
        if (value instanceof Map || value instanceof List || value instanceof byte[]) {
            String what = value instanceof Map ? "an object" : value instanceof List ? "an array" : "binary data";
            throw new Mismatch("argument " + (p.name() == null ? "" : "'"
                    + p.name() + "' ") + "is " + what + ", the parameter is " + p.typeName());
        }
        return plainText(value);
    }

    /** Numbers without exponent or spurious fraction: 2.0 from a client reaches an integer parameter as 2. */
    private static String plainText(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Float f && f == Math.rint(f) && Math.abs(f) < 1e7) {
            return Long.toString(f.longValue());
        }
        if (value instanceof BigDecimal big) {
            return big.toPlainString();
        }
        return value.toString();
    }

    /** A PostgreSQL array literal, every element quoted: {"1","a \"b\"",NULL,{"nested"}}. */
    static String arrayLiteral(List<?> list) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object element = list.get(i);
            if (element == null) {
                sb.append("NULL");
            } else if (element instanceof List<?> nested) {
                sb.append(arrayLiteral(nested));
            } else {
                String text = element instanceof Map ? Json.write(element)
                        : element instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes)
                        : plainText(element);
                sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    private static WampException invalid(String reason, List<FunctionDescriptor> overloads) {
        String procedure = overloads.get(0).procedure();
        return new WampException(WampErrors.INVALID_ARGUMENT, List.of(procedure + ": " + reason),
                Map.of("signatures", overloads.stream().map(FunctionDescriptor::displayName).toList()));
    }
}
