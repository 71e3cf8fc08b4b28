package dev.switchboard.connector.postgresql;

import dev.switchboard.connector.postgresql.ConnectorSettings.ProcedureSource;
import dev.switchboard.connector.postgresql.ConnectorSettings.SchemaExport;
import dev.switchboard.connector.postgresql.ConnectorSettings.SingleFunction;
import dev.switchboard.connector.postgresql.FunctionDescriptor.Parameter;
import dev.switchboard.connector.postgresql.FunctionDescriptor.ResultShape;
import dev.switchboard.connector.postgresql.FunctionDescriptor.TypeKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads which functions the configuration exposes, and under which URIs, from PostgreSQL's catalog (pg_proc).
 *
 * <p>The naming rule: in a schema export, function {@code name} becomes {@code prefix + name} when {@code name} is a
 * strict URI component ({@code [a-z0-9_]+}, which every unquoted SQL name without {@code $} is); any other name is
 * skipped and reported (expose it with an explicit {@code {"function", "procedure"}} entry). Overloads share one
 * URI; a call picks the overload by the number and the names of its arguments ({@link ArgumentBinder}). Functions
 * the connector's role may not execute, functions of extensions, trigger functions, procedures, aggregates, and
 * functions with pseudo-type inputs ({@code anyelement}, ...) or an anonymous {@code record} result are skipped.
 */
final class FunctionCatalog {
    private static final Pattern URI_COMPONENT = Pattern.compile("[a-z0-9_]+");

    /**
     * One row per function of the given schemas. The input parameter kinds are worked out here, on the base type
     * of domains, so that the Java side needs no type knowledge. PostgreSQL 11+ (prokind).
     */
    private static final String FUNCTIONS_SQL = """
            SELECT p.oid, n.nspname, p.proname, p.pronargdefaults, p.proretset, p.provariadic <> 0 AS variadic,
                   p.prorettype = 'void'::regtype AS returns_void,
                   coalesce(p.proargmodes && ARRAY['o','b','t']::"char"[], false) AS has_out_params,
                   rt.typtype = 'c' AS returns_composite,
                   p.prorettype = 'record'::regtype AS returns_record,
                   pg_get_function_identity_arguments(p.oid) AS signature,
                   p.proargnames, p.proargmodes::text[] AS modes,
                   ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i)
                         ORDER BY u.i) AS type_names,
                   ARRAY(SELECT CASE WHEN b.oid IN ('json'::regtype, 'jsonb'::regtype) THEN 'JSON'
                                     WHEN b.oid = 'bytea'::regtype THEN 'BYTEA'
                                     WHEN b.typcategory = 'A' THEN 'ARRAY'
                                     WHEN b.typtype = 'c' THEN 'COMPOSITE'
                                     WHEN b.typtype = 'p' THEN 'PSEUDO'
                                     ELSE 'PLAIN' END
                         FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i)
                         JOIN pg_type ty ON ty.oid = u.t
                         JOIN pg_type b ON b.oid = CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.oid END
                         ORDER BY u.i) AS type_kinds
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_type rt ON rt.oid = p.prorettype
            WHERE n.nspname = ANY (?)
              AND p.prokind = 'f'
              AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
              AND has_function_privilege(p.oid, 'EXECUTE')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                              AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY n.nspname, p.proname, p.oid
            """;

    /**
     * What the catalog offers: overloads per procedure URI (sorted by URI), and what was skipped with why.
     */
    record View(Map<String, List<FunctionDescriptor>> byProcedure, List<String> skipped) {
        static final View EMPTY = new View(Map.of(), List.of());

        View {
            byProcedure = Collections.unmodifiableMap(new TreeMap<>(byProcedure));
            skipped = List.copyOf(skipped);
        }
    }

    private FunctionCatalog() {}

    static View read(Connection connection, List<ProcedureSource> sources) throws SQLException {
        Set<String> schemas = new java.util.LinkedHashSet<>();
        sources.forEach(s -> schemas.add(s.schema()));
        if (schemas.isEmpty()) {
            return View.EMPTY;
        }
        List<CatalogRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(FUNCTIONS_SQL)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(CatalogRow.of(rs));
                }
            }
        }
        return name(rows, sources);
    }

    /** Applies the naming rule; separate from the query so that it can be tested on its own. */
    static View name(List<CatalogRow> rows, List<ProcedureSource> sources) {
        Map<String, List<FunctionDescriptor>> byProcedure = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (ProcedureSource source : sources) {
            for (CatalogRow row : rows) {
                String uri = uriFor(source, row, skipped);
                if (uri == null) {
                    continue;
                }
                String unusable = row.unusableBecause();
                if (unusable != null) {
                    skipped.add(row.displayName() + ": " + unusable);
                    continue;
                }
                byProcedure.computeIfAbsent(uri, u -> new ArrayList<>()).add(row.describe(uri));
            }
        }
        return new View(byProcedure, skipped);
    }

    private static String uriFor(ProcedureSource source, CatalogRow row, List<String> skipped) {
        if (!row.schema.equals(source.schema())) {
            return null;
        }
        if (source instanceof SingleFunction single) {
            return row.name.equals(single.name()) ? single.procedure() : null;
        }
        SchemaExport export = (SchemaExport) source;
        if (!export.only().isEmpty() && !export.only().contains(row.name)) {
            return null;
        }
        if (!URI_COMPONENT.matcher(row.name).matches()) {
            skipped.add(row.displayName() + ": name is not a URI component [a-z0-9_]+ (expose it with "
                    + "{\"function\": ..., \"procedure\": ...})");
            return null;
        }
        return export.prefix() + row.name;
    }

    /** One pg_proc row, as read; {@link #describe(String)} turns it into what the connector calls. */
    record CatalogRow(long oid, String schema, String name, int defaults, boolean returnsSet, boolean variadic,
            boolean returnsVoid, boolean hasOutParams, boolean returnsComposite, boolean returnsRecord,
            String signature, List<String> argNames, List<String> argModes, List<String> typeNames,
            List<String> typeKinds) {

        static CatalogRow of(ResultSet rs) throws SQLException {
            return new CatalogRow(rs.getLong("oid"), rs.getString("nspname"), rs.getString("proname"),
                    rs.getInt("pronargdefaults"), rs.getBoolean("proretset"), rs.getBoolean("variadic"),
                    rs.getBoolean("returns_void"), rs.getBoolean("has_out_params"),
                    rs.getBoolean("returns_composite"), rs.getBoolean("returns_record"), rs.getString("signature"),
                    strings(rs.getArray("proargnames")), strings(rs.getArray("modes")),
                    strings(rs.getArray("type_names")), strings(rs.getArray("type_kinds")));
        }

        String displayName() {
            return schema + "." + name + "(" + signature + ")";
        }

        /** Why the connector cannot call this function, or {@code null}. */
        String unusableBecause() {
            if (typeKinds.contains("PSEUDO")) {
                return "a parameter has a pseudo-type (anyelement, ...): its type cannot be told from JSON";
            }
            if (returnsRecord && !hasOutParams) {
                return "returns an anonymous record, which needs a column list at each call";
            }
            return null;
        }

        FunctionDescriptor describe(String uri) {
            List<String> inputNames = inputNames();
            List<Parameter> parameters = new ArrayList<>();
            for (int i = 0; i < typeNames.size(); i++) {
                String argName = i < inputNames.size() ? inputNames.get(i) : null;
                parameters.add(new Parameter(argName == null || argName.isEmpty() ? null : argName,
                        typeNames.get(i), TypeKind.valueOf(typeKinds.get(i))));
            }
            return new FunctionDescriptor(uri, schema, name, oid, parameters, defaults, variadic, shape(),
                    signature);
        }

        /** proargnames covers every argument (OUT too) when there are OUT arguments, else only the inputs. */
        private List<String> inputNames() {
            if (argNames.isEmpty() || argModes.isEmpty()) {
                return argNames;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < argModes.size() && i < argNames.size(); i++) {
                String mode = argModes.get(i);
                if (mode.equals("i") || mode.equals("b") || mode.equals("v")) {
                    names.add(argNames.get(i));
                }
            }
            return names;
        }

        private ResultShape shape() {
            if (returnsVoid) {
                return ResultShape.VOID;
            }
            boolean rows = returnsComposite || hasOutParams;
            if (returnsSet) {
                return rows ? ResultShape.ROW_SET : ResultShape.SCALAR_SET;
            }
            return rows ? ResultShape.ROW : ResultShape.SCALAR;
        }

        private static List<String> strings(Array array) throws SQLException {
            if (array == null) {
                return List.of();
            }
            Object[] values = (Object[]) array.getArray();
            List<String> list = new ArrayList<>(values.length);
            for (Object value : values) {
                list.add(value == null ? null : value.toString());
            }
            return Collections.unmodifiableList(list);
        }
    }
}
