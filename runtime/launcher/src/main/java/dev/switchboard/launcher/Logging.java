package dev.switchboard.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Console and log file as one. The router's slf4j provider is Logback (features/core.json), configured by
 * {@code logback-node.xml} beside this class unless {@code -Dlogback.configurationFile} names another file; it writes
 * to the console. A container worker's is slf4j-simple, configured through system properties, which it reads when
 * it initializes. {@code System.out}/{@code System.err} are teed into {@code log/node.log}, so the file also gets what
 * the framework, SCR, Gogo and the container workers print, in order, one writer for all; that file is rotated by
 * size ({@link RotatingFile}). Every key can be overridden with {@code -D} in SWITCHBOARD_OPTS.
 */
public final class Logging {

    private static final String SIMPLE = "org.slf4j.simpleLogger.";

    /** Logback's own property; a URL, a class path resource or a file. */
    static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    static final Map<String, String> SLF4J_SIMPLE_DEFAULTS = Map.of(
            SIMPLE + "logFile", "System.out",
            SIMPLE + "defaultLogLevel", "info",
            SIMPLE + "showDateTime", "true",
            SIMPLE + "dateTimeFormat", NodeLog.DATE_TIME_FORMAT,
            SIMPLE + "showThreadName", "false",
            SIMPLE + "showShortLogName", "true",
            SIMPLE + "log.dev.switchboard", "info",
            SIMPLE + "log.org.eclipse.jetty", "warn");

    /** java.util.logging (SPI Fly, Felix's FileInstall fallback) in the same one-line format as the rest. */
    static final String JUL_FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s - %5$s%6$s%n";

    /** JUL keeps loggers weakly: hold the one whose level is set, or the setting is lost on the next GC. */
    private static final Logger SPIFLY = Logger.getLogger("org.apache.aries.spifly");

    private Logging() {
    }

    public static void install(Path logFile) throws LauncherException {
        configure(SLF4J_SIMPLE_DEFAULTS, JUL_FORMAT);
        if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
            System.setProperty(LOGBACK_CONFIGURATION, Logging.class.getResource("logback-node.xml").toString());
        }
        OutputStream file;
        try {
            file = RotatingFile.open(logFile);
        } catch (IOException e) {
            throw new LauncherException("cannot open the log " + logFile + ": " + e);
        }
        LineWriter lines = new LineWriter(file);
        System.setOut(new PrintStream(new Tee(System.out, lines), true));
        System.setErr(new PrintStream(new Tee(System.err, lines), true));
    }

    /**
     * A container worker: console only, lines without date and time, since the node that reads them adds both and
     * the worker's name as it writes them to its own log.
     */
    public static void installForContainer() {
        Map<String, String> defaults = new java.util.HashMap<>(SLF4J_SIMPLE_DEFAULTS);
        defaults.put(SIMPLE + "showDateTime", "false");
        configure(defaults, "%4$s %3$s - %5$s%6$s%n");
    }

    private static void configure(Map<String, String> slf4jDefaults, String julFormat) {
        slf4jDefaults.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", julFormat);
        }
        // SPI Fly says INFO for every ServiceLoader provider it registers: a dozen lines per start.
        SPIFLY.setLevel(Level.WARNING);
    }

    /** Writes whole lines to the file, so that a line printed to stdout is not cut by one printed to stderr. */
    static final class LineWriter {

        private final OutputStream file;

        LineWriter(OutputStream file) {
            this.file = file;
        }

        synchronized void writeLine(byte[] bytes, int length) {
            try {
                file.write(bytes, 0, length);
                file.flush();
            } catch (IOException e) {
                // The console still has the line; a full disk must not stop the router.
            }
        }
    }

    /** Passes bytes to the console as they come and to the file line by line. */
    static final class Tee extends OutputStream {

        private final OutputStream console;
        private final LineWriter file;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        Tee(OutputStream console, LineWriter file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            console.write(b);
            line.write(b);
            if (b == '\n') {
                file.writeLine(line.toByteArray(), line.size());
                line.reset();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            console.write(bytes, offset, length);
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i + 1 - start);
                    file.writeLine(line.toByteArray(), line.size());
                    line.reset();
                    start = i + 1;
                }
            }
            line.write(bytes, start, offset + length - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            console.flush();
        }
    }
}
