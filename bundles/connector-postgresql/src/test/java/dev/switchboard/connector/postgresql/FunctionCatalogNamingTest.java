package dev.switchboard.connector.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.connector.postgresql.ConnectorSettings.SchemaExport;
import dev.switchboard.connector.postgresql.ConnectorSettings.SingleFunction;
import dev.switchboard.connector.postgresql.FunctionCatalog.CatalogRow;
import dev.switchboard.connector.postgresql.FunctionDescriptor.ResultShape;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The naming rule on catalog rows, without a database. */
class FunctionCatalogNamingTest {

    private static CatalogRow row(long oid, String name, List<String> names, List<String> modes, List<String> types,
            boolean set, boolean outParams) {
        return new CatalogRow(oid, "api", name, 0, set, false, false, outParams, false, false, "", names, modes,
                types, types.stream().map(t -> "PLAIN").toList());
    }

    @Test
    void schemaFunctionsGetThePrefixOverloadsShareAUriOddNamesAreSkipped() {
        List<CatalogRow> rows = List.of(
                row(1, "area", List.of("r"), List.of(), List.of("double precision"), false, false),
                row(2, "area", List.of("w", "h"), List.of(), List.of("double precision", "double precision"), false,
                        false),
                row(3, "Odd-Name", List.of(), List.of(), List.of(), false, false));
        FunctionCatalog.View view = FunctionCatalog.name(rows, List.of(
                new SchemaExport("api", "com.example.", Set.of()),
                new SingleFunction("api", "area", "com.example.geometry.area")));
        assertEquals(Set.of("com.example.area", "com.example.geometry.area"), view.byProcedure().keySet());
        assertEquals(2, view.byProcedure().get("com.example.area").size());
        assertTrue(view.skipped().get(0).contains("Odd-Name"));
    }

    @Test
    void outParametersAreLeftOutOfTheInputsAndMakeRows() {
        CatalogRow divide = row(1, "divide", List.of("a", "b", "quotient", "remainder"), List.of("i", "i", "o", "o"),
                List.of("integer", "integer"), false, true);
        FunctionDescriptor f = divide.describe("com.example.divide");
        assertEquals(List.of("a", "b"), f.parameters().stream().map(FunctionDescriptor.Parameter::name).toList());
        assertEquals(ResultShape.ROW, f.shape());
        CatalogRow table = row(2, "orders", List.of("min", "id", "total"), List.of("i", "t", "t"),
                List.of("numeric"), true, true);
        assertEquals(ResultShape.ROW_SET, table.describe("com.example.orders").shape());
    }
}
