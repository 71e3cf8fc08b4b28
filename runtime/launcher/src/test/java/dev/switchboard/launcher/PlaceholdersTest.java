package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Map<String, String> settings = Map.of("switchboard.websocket.port", "9090",
            "SWITCHBOARD_HOST", "0.0.0.0", "empty", "");
    private final Placeholders placeholders = new Placeholders(name -> Optional.ofNullable(settings.get(name)));

    @Test
    void textWithoutPlaceholdersIsUnchanged() {
        assertEquals("/ws", placeholders.resolve("/ws"));
        assertEquals("cost: $5 {x}", placeholders.resolve("cost: $5 {x}"));
    }

    @Test
    void aSetValueWinsOverTheDefault() {
        assertEquals("9090", placeholders.resolve("${switchboard.websocket.port:-8080}"));
    }

    @Test
    void theDefaultIsUsedWhenNothingIsSet() {
        assertEquals("run/ws.sock", placeholders.resolve("${switchboard.websocket.unixSocket:-run/ws.sock}"));
    }

    @Test
    void anEmptyDefaultIsAllowed() {
        assertEquals("", placeholders.resolve("${unset:-}"));
    }

    @Test
    void aValueSetToEmptyStaysEmpty() {
        assertEquals("", placeholders.resolve("${empty:-x}"));
    }

    @Test
    void severalPlaceholdersAndTextMix() {
        assertEquals("ws://127.0.0.1:9090/ws",
                placeholders.resolve("ws://${host:-127.0.0.1}:${switchboard.websocket.port}/ws"));
    }

    @Test
    void aDefaultMayContainColons() {
        assertEquals("ws://h:1", placeholders.resolve("${unset:-ws://h:1}"));
    }

    @Test
    void anUnsetPlaceholderWithoutDefaultSaysHowToSetIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> placeholders.resolve("${switchboard.secret}"));
        assertTrue(e.getMessage().contains("-Dswitchboard.secret="), e.getMessage());
        assertTrue(e.getMessage().contains("SWITCHBOARD_SECRET"), e.getMessage());
    }

    @Test
    void anUnclosedPlaceholderIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> placeholders.resolve("${port:-8080"));
    }

    @Test
    void aPlaceholderNeedsAName() {
        assertThrows(IllegalArgumentException.class, () -> placeholders.resolve("${:-8080}"));
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertEquals("SWITCHBOARD_WEBSOCKET_PORT", Placeholders.environmentName("switchboard.websocket.port"));
        assertEquals("A_B_C", Placeholders.environmentName("a-b.c"));
    }

    @Test
    void theSystemLookupReadsSystemPropertiesFirst() {
        System.setProperty("switchboard.test.placeholder", "from-property");
        try {
            assertEquals("from-property", Placeholders.fromSystem().resolve("${switchboard.test.placeholder:-x}"));
        } finally {
            System.clearProperty("switchboard.test.placeholder");
        }
    }

    @Test
    void theSystemLookupFallsBackToTheEnvironment() {
        // PATH is set in every environment the tests run in; its upper-case form is itself.
        assertEquals(System.getenv("PATH"), Placeholders.fromSystem().resolve("${PATH}"));
    }

    @Test
    void defaultsOnlyIgnoresTheEnvironment() {
        assertEquals("d", Placeholders.defaultsOnly().resolve("${PATH:-d}"));
    }
}
