package dev.switchboard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLoggerFactory;

class LogCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A context of its own, as the node's features/core.json Logback configuration would leave it. */
    private final LoggerContext logback = new LoggerContext();
    private final LogCommands commands = new LogCommands(() -> logback);

    LogCommandsTest() {
        logback.getLogger(LogLevels.ROOT).setLevel(Level.INFO);
        logback.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        logback.getLogger("dev.switchboard.router.RouterImpl");
        logback.getLogger("dev.switchboard.transport.websocket.WebSocketTransport");
    }

    @Test
    void listsRootFirstThenLoggersWithALevelOfTheirOwn() {
        assertEquals("""
                LOGGER             LEVEL  EFFECTIVE
                ROOT               info   info
                org.eclipse.jetty  warn   warn
                """, commands.level(false));
    }

    @Test
    void setsALevelThatTheLoggersBelowFollow() {
        String text = commands.level(false, "dev.switchboard.router", "DEBUG");
        assertEquals("dev.switchboard.router: debug (was inherited info)\n", text);
        assertTrue(logback.getLogger("dev.switchboard.router.RouterImpl").isDebugEnabled());
        assertFalse(logback.getLogger("dev.switchboard.transport.websocket.WebSocketTransport").isDebugEnabled());
        assertTrue(commands.level(false).contains("dev.switchboard.router  debug  debug\n"));
    }

    @Test
    void inheritRemovesTheLoggersOwnLevel() {
        commands.level(false, "org.eclipse.jetty", "inherit");
        assertNull(logback.getLogger("org.eclipse.jetty").getLevel());
        assertEquals("org.eclipse.jetty: inherits info\n", commands.level(false, "org.eclipse.jetty"));
    }

    @Test
    void theRootCanBeNamedAnyCaseButNotInherit() {
        commands.level(false, "root", "warn");
        assertEquals(Level.WARN, logback.getLogger(LogLevels.ROOT).getLevel());
        assertEquals("ROOT: warn\n", commands.level(false, "ROOT"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.level(false, "ROOT", "inherit"));
        assertTrue(e.getMessage().contains("no parent"), e.getMessage());
    }

    @Test
    void anUnknownLevelIsRefusedNotTurnedIntoDebug() {
        // Logback's own Level.toLevel("verbose") would give DEBUG
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.level(false, "dev.switchboard", "verbose"));
        assertTrue(e.getMessage().startsWith("unknown level 'verbose'"), e.getMessage());
        assertNull(logback.exists("dev.switchboard").getLevel());
    }

    @Test
    void showingALoggerNobodyUsesSaysSoWithoutCreatingIt() {
        String text = commands.level(false, "dev.switchbaord.router");
        assertEquals("dev.switchbaord.router: inherits info; note: nothing has logged through"
                + " dev.switchbaord.router or below it yet (a typo?)\n", text);
        assertNull(logback.exists("dev.switchbaord.router"));
        assertEquals("org.eclipse.jetty.server.Server: inherits warn\n",
                commands.level(false, "org.eclipse.jetty.server.Server").replace("; note: nothing has logged"
                        + " through org.eclipse.jetty.server.Server or below it yet (a typo?)", ""));
    }

    @Test
    void jsonForScripts() throws Exception {
        JsonNode set = JSON.readTree(commands.level(true, "dev.switchboard", "trace"));
        assertEquals("dev.switchboard", set.get("logger").asText());
        assertEquals("trace", set.get("level").asText());
        assertTrue(set.get("before").get("level").isNull());
        assertEquals("info", set.get("before").get("effective").asText());
        JsonNode list = JSON.readTree(commands.level(true));
        assertEquals("ROOT", list.get(0).get("logger").asText());
        assertEquals(3, list.size());
        assertEquals("trace", JSON.readTree(commands.level(true, "dev.switchboard.router.RouterImpl"))
                .get("effective").asText());
    }

    @Test
    void anotherSlf4jProviderCannotChangeLevels() {
        LogCommands simple = new LogCommands(NOPLoggerFactory::new);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> simple.level(false));
        assertTrue(e.getMessage().contains("only be changed at runtime with Logback"), e.getMessage());
        assertTrue(e.getMessage().contains("NOPLoggerFactory"), e.getMessage());
    }
}
