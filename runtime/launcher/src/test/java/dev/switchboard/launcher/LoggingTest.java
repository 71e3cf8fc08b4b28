package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoggingTest {

    @Test
    void theConsoleGetsBytesAtOnceAndTheFileWholeLines() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Logging.LineWriter lines = new Logging.LineWriter(file);
        PrintStream out = new PrintStream(new Logging.Tee(console, lines), true, StandardCharsets.UTF_8);

        out.print("g! ");
        assertEquals("g! ", console.toString(StandardCharsets.UTF_8));
        assertEquals("", file.toString(StandardCharsets.UTF_8)); // no half line in the file
        out.println("lb");
        out.print("one\ntwo\nthr");
        assertEquals("g! lb\none\ntwo\n", file.toString(StandardCharsets.UTF_8));
        assertEquals("g! lb\none\ntwo\nthr", console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stdoutAndStderrLinesDoNotCutEachOther() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Logging.LineWriter lines = new Logging.LineWriter(file);
        PrintStream out = new PrintStream(new Logging.Tee(new ByteArrayOutputStream(), lines), true);
        PrintStream err = new PrintStream(new Logging.Tee(new ByteArrayOutputStream(), lines), true);
        out.print("INFO half");
        err.println("ERROR whole");
        out.println(" and rest");
        assertEquals("ERROR whole\nINFO half and rest\n", file.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void slf4jSimpleIsConciseWithJettyQuiet() {
        assertEquals("false", Logging.SLF4J_SIMPLE_DEFAULTS.get("org.slf4j.simpleLogger.showThreadName"));
        assertEquals("warn", Logging.SLF4J_SIMPLE_DEFAULTS.get("org.slf4j.simpleLogger.log.org.eclipse.jetty"));
        assertEquals("info", Logging.SLF4J_SIMPLE_DEFAULTS.get("org.slf4j.simpleLogger.log.dev.switchboard"));
    }
}
