package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.Arguments.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    @Test
    void startIsTheCommandThatRunsTheNode() throws UsageException {
        assertEquals(Command.START, Arguments.parse("start").command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpHasTheUsualSpellings(String spelling) throws UsageException {
        assertEquals(Command.HELP, Arguments.parse(spelling).command());
    }

    @Test
    void helpAfterACommandAsksForHelpInsteadOfRunningIt() throws UsageException {
        assertEquals(Command.HELP, Arguments.parse("start", "--help").command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "--version"})
    void versionHasBothSpellings(String spelling) throws UsageException {
        assertEquals(Command.VERSION, Arguments.parse(spelling).command());
    }

    @Test
    void checkFeaturesIsTheBuildsCommand() throws UsageException {
        assertEquals(Command.CHECK_FEATURES, Arguments.parse("check-features").command());
    }

    @Test
    void anUnknownCommandIsNamed() {
        UsageException e = assertThrows(UsageException.class, () -> Arguments.parse("strat"));
        assertEquals("unknown command 'strat'", e.getMessage());
    }

    @Test
    void noCommandIsAUsageError() {
        assertThrows(UsageException.class, Arguments::parse);
    }

    @Test
    void argumentsAfterACommandAreNotSilentlyIgnored() {
        UsageException e = assertThrows(UsageException.class, () -> Arguments.parse("start", "--port", "9090"));
        assertTrue(e.getMessage().contains("--port 9090"), e.getMessage());
    }

    @Test
    void exitCodesFollowTheUsage() {
        assertEquals(Main.USAGE, Main.run("bogus"));
        assertEquals(Main.USAGE, Main.run());
        assertEquals(Main.OK, Main.run("--help"));
        assertEquals(Main.OK, Main.run("version"));
    }
}
