package dev.switchboard.connector.postgresql;

import java.util.List;

/**
 * One database function as the connector calls it: its input parameters (in order) and the shape of its result.
 * Read from the catalog ({@link FunctionCatalog}); immutable.
 *
 * @param procedure  the WAMP URI it is registered under
 * @param oid        the function's catalog id: overloads and re-created functions differ in it
 * @param parameters input parameters (IN, INOUT, VARIADIC), in order
 * @param defaults   how many of the last parameters have defaults
 * @param variadic   whether the last parameter is VARIADIC (an array filled from the remaining positional args)
 * @param signature  the identity arguments as PostgreSQL prints them, e.g. {@code a integer, b integer}
 */
record FunctionDescriptor(String procedure, String schema, String name, long oid, List<Parameter> parameters,
        int defaults, boolean variadic, ResultShape shape, String signature) {

    FunctionDescriptor {
        parameters = List.copyOf(parameters);
    }

    /** How a JSON value reaches a parameter of this kind (see {@link ArgumentBinder}). */
    enum TypeKind {
        /** Numbers, text, booleans, timestamps, enums, uuid, ...: the value's text, cast to the type. */
        PLAIN,
        JSON,
        BYTEA,
        ARRAY,
        COMPOSITE
    }

    /** @param name {@code null} when the parameter has no name (it can then only be passed by position) */
    record Parameter(String name, String typeName, TypeKind kind) {}

    /** How the result comes back to the caller. */
    enum ResultShape {
        /** RETURNS void: an empty RESULT. */
        VOID,
        /** A single value: {@code args[0]}. */
        SCALAR,
        /** A composite type or OUT parameters: one dict in {@code args[0]}. */
        ROW,
        /** SETOF a scalar: a list of values in {@code args[0]}. */
        SCALAR_SET,
        /** SETOF a composite type, RETURNS TABLE, or OUT parameters with SETOF: a list of dicts in {@code args[0]}. */
        ROW_SET;

        boolean isSet() {
            return this == SCALAR_SET || this == ROW_SET;
        }
    }

    boolean hasDefault(int index) {
        return index >= parameters.size() - defaults;
    }

    /** The function's name for SQL text, quoted (names come from the catalog, never from callers). */
    String qualifiedName() {
        return quote(schema) + "." + quote(name);
    }

    /** A readable signature for error messages and logs: {@code api.add(a integer, b integer)}. */
    String displayName() {
        return schema + "." + name + "(" + signature + ")";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
