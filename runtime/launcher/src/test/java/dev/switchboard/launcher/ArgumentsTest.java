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
        assertEquals(Main.USAGE, Main.run("init"));
        assertEquals(Main.USAGE, Main.run("bogus"));
        assertEquals(Main.USAGE, Main.run());
        assertEquals(Main.OK, Main.run("--help"));
        assertEquals(Main.OK, Main.run("version"));
    }

    @Test
    void theNodeDirectoryHasTwoNamesAndIsRelativeToWhereTheUserIs() throws UsageException {
        System.setProperty(Arguments.CWD_PROPERTY, "/home/user/apps");
        try {
            Arguments init = Arguments.parse("init", "--cbdata", "./test1");
            assertEquals(Command.INIT, init.command());
            assertEquals(java.nio.file.Path.of("/home/user/apps/test1"), init.nodeDirectory());
            assertEquals(java.nio.file.Path.of("/srv/node"), Arguments.parse("start", "--cbdir=/srv/node")
                    .nodeDirectory());
        } finally {
            System.clearProperty(Arguments.CWD_PROPERTY);
        }
    }

    @Test
    void initAndCheckNeedANodeDirectoryStartStopAndStatusDoNot() throws UsageException {
        assertEquals("'init' needs --cbdir DIR",
                assertThrows(UsageException.class, () -> Arguments.parse("init")).getMessage());
        assertEquals("'check' needs --cbdir DIR",
                assertThrows(UsageException.class, () -> Arguments.parse("check")).getMessage());
        assertEquals(null, Arguments.parse("start").nodeDirectory());
        assertEquals(Command.STOP, Arguments.parse("stop").command());
        assertEquals(Command.STATUS, Arguments.parse("status", "--cbdir", "x").command());
    }

    @Test
    void forceIsForInitOnly() throws UsageException {
        assertTrue(Arguments.parse("init", "--cbdir", "x", "--force").force());
        UsageException e = assertThrows(UsageException.class, () -> Arguments.parse("start", "--force"));
        assertEquals("'start' does not take --force", e.getMessage());
    }

    @Test
    void optionsNeedTheirValueAndComeOnce() {
        assertEquals("--cbdir needs a value",
                assertThrows(UsageException.class, () -> Arguments.parse("start", "--cbdir")).getMessage());
        assertEquals("--cbdir/--cbdata is given twice", assertThrows(UsageException.class,
                () -> Arguments.parse("start", "--cbdir", "a", "--cbdata", "b")).getMessage());
        assertEquals("'container' needs --worker ID", assertThrows(UsageException.class,
                () -> Arguments.parse("container", "--cbdir", "a")).getMessage());
    }

    @Test
    void theUsageNamesEveryCommand() {
        for (String command : new String[] {"init --cbdir DIR [--force]", "start [--cbdir DIR]", "stop [--cbdir DIR]",
            "status [--cbdir DIR]", "check --cbdir DIR", "version", "--cbdata"}) {
            assertTrue(Arguments.USAGE.contains(command), command);
        }
    }
}
