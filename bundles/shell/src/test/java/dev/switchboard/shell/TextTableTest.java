package dev.switchboard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsToTheWidestCellAndRightAlignsNumbers() {
        String text = new TextTable().left("NAME").right("COUNT").left("NOTE")
                .row("realm1", 5, "first")
                .row("a.much.longer.realm", 12345, null)
                .render();
        assertEquals("""
                NAME                 COUNT  NOTE
                realm1                   5  first
                a.much.longer.realm  12345  -
                """, text);
    }

    @Test
    void headerOnlyWhenThereAreNoRows() {
        TextTable table = new TextTable().left("A").right("B");
        assertEquals("A  B\n", table.render());
        assertEquals(true, table.isEmpty());
    }

    @Test
    void rowWithTheWrongNumberOfCellsIsRefused() {
        TextTable table = new TextTable().left("A").left("B");
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }

    @Test
    void columnsCannotBeAddedAfterRows() {
        TextTable table = new TextTable().left("A").row("x");
        assertThrows(IllegalStateException.class, () -> table.left("B"));
    }
}
