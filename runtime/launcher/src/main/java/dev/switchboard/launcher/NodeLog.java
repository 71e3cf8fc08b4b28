package dev.switchboard.launcher;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The launcher's own log lines, in the format slf4j-simple is given in {@link Logging}, so that the launcher's and
 * the bundles' lines read as one log. Written to {@code System.out} as it is at the time of the call, i.e. through the
 * tee into {@code log/node.log} once {@link Logging#install} ran.
 */
public final class NodeLog {

    static final String DATE_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(DATE_TIME_FORMAT);
    private static final String NAME = "Launcher";

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARN", message);
    }

    public void error(String message) {
        write("ERROR", message);
    }

    private void write(String level, String message) {
        PrintStream out = System.out;
        out.println(LocalDateTime.now().format(FORMAT) + " " + level + " " + NAME + " - " + message);
        out.flush();
    }
}
