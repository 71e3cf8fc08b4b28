package dev.switchboard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandArgumentsTest {

    @Test
    void argumentThatParsesAsJsonIsJson() {
        assertEquals(42, CommandArguments.payloadValue("42"));
        assertEquals(2.5, CommandArguments.payloadValue("2.5"));
        assertEquals(true, CommandArguments.payloadValue("true"));
        assertEquals("quoted", CommandArguments.payloadValue("\"quoted\""));
        assertEquals(List.of(1, 2), CommandArguments.payloadValue("[1,2]"));
        assertEquals(Map.of("a", 1), CommandArguments.payloadValue("{\"a\":1}"));
        assertNull(CommandArguments.payloadValue("null"));
    }

    @Test
    void argumentThatDoesNotParseIsAString() {
        assertEquals("hello", CommandArguments.payloadValue("hello"));
        assertEquals("", CommandArguments.payloadValue(""));
        assertEquals("{broken", CommandArguments.payloadValue("{broken"));
    }

    @Test
    void numberFollowedByTextIsAStringNotTheNumber() {
        assertEquals("12abc", CommandArguments.payloadValue("12abc"));
        assertEquals("1 2", CommandArguments.payloadValue("1 2"));
    }

    @Test
    void payloadKeepsOrderAndAcceptsNoArguments() {
        assertEquals(List.of(1, "x", List.of()), CommandArguments.payload(new String[] {"1", "x", "[]"}));
        assertEquals(List.of(), CommandArguments.payload(new String[0]));
        assertEquals(List.of(), CommandArguments.payload(null));
    }

    @Test
    void keywordArgumentsMustBeAJsonObject() {
        assertEquals(Map.of("n", 1), CommandArguments.keywordArguments("{\"n\":1}"));
        assertEquals(Map.of(), CommandArguments.keywordArguments(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandArguments.keywordArguments("[1]"));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
    }

    @Test
    void sessionIdMustBeAWampId() {
        assertEquals(42L, CommandArguments.sessionId("42"));
        assertEquals(1L << 53, CommandArguments.sessionId(Long.toString(1L << 53)));
        assertThrows(IllegalArgumentException.class, () -> CommandArguments.sessionId("abc"));
        assertThrows(IllegalArgumentException.class, () -> CommandArguments.sessionId("0"));
        assertThrows(IllegalArgumentException.class, () -> CommandArguments.sessionId(Long.toString((1L << 53) + 1)));
    }

    @Test
    void closeReasonIsAUriOrTheDefault() {
        assertNull(CommandArguments.closeReason(""));
        assertEquals("wamp.close.normal", CommandArguments.closeReason("wamp.close.normal"));
        assertThrows(IllegalArgumentException.class, () -> CommandArguments.closeReason("not a uri"));
    }

    @Test
    void timeoutIsPositive() {
        assertEquals(5, CommandArguments.timeoutSeconds("5"));
        assertThrows(IllegalArgumentException.class, () -> CommandArguments.timeoutSeconds("0"));
        assertThrows(IllegalArgumentException.class, () -> CommandArguments.timeoutSeconds("soon"));
    }
}
