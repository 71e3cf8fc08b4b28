package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComponentSettingsTest {

    private static ComponentSettings parse(String role, String extra) {
        return ComponentSettings.parse("Demo", " realm1 ", role, extra, Set.of("name", "n"));
    }

    @Test
    void roleBecomesTheRequestedAuthrole() {
        assertEquals("user", parse(" user ", "").joinOptions().authrole());
        assertNull(parse("", "").joinOptions().authrole());
        assertNull(parse(null, null).joinOptions().authrole());
        assertEquals("realm1", parse("", "").realm());
    }

    @Test
    void extraValuesAndDefaults() {
        ComponentSettings s = parse("", "{\"name\": \" x \", \"n\": 5}");
        assertEquals(Map.of("name", " x ", "n", 5), s.extra());
        assertEquals("x", s.extraString("name", "d"));
        assertEquals(5, s.extraLong("n", 1, 1, 10));
        ComponentSettings empty = parse("", "  ");
        assertEquals("d", empty.extraString("name", "d"));
        assertEquals(1, empty.extraLong("n", 1, 1, 10));
    }

    @Test
    void badValuesAreRejectedWithTheirKey() {
        assertEquals("Demo property 'extra' key 'n' must be a whole number from 1 to 10 (was: 11)",
                assertThrows(IllegalArgumentException.class, () -> parse("", "{\"n\": 11}").extraLong("n", 1, 1, 10))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("", "{\"n\": 1.5}").extraLong("n", 1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> parse("", "{\"n\": \"2\"}").extraLong("n", 1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> parse("", "{\"name\": \"\"}").extraString("name", "d"));
        assertThrows(IllegalArgumentException.class, () -> parse("", "{\"name\": null}"));
        assertThrows(IllegalArgumentException.class, () -> parse("", "{\"other\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> parse("", "\"text\""));
    }
}
