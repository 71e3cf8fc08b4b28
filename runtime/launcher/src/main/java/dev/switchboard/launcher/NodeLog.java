package dev.switchboard.launcher;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The launcher's own log lines, in the format slf4j-simple is given in {@link Logging}, so that the launcher's and
 * the bundles' lines read as one log. Written to {@code System.out} as it is at the time of the call, i.e. through the
 * tee into {@code log/node.log} once {@link Logging#install} ran.
 */
public final class NodeLog {

    static final String DATE_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(DATE_TIME_FORMAT);
    private static final String NAME = "Launcher";
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private final boolean timestamps;

    /** The node's log: lines with date and time. */
    public NodeLog() {
        this(true);
    }

    private NodeLog(boolean timestamps) {
        this.timestamps = timestamps;
    }

    /** A container worker's log: its node adds date, time and the worker's name to each line. */
    public static NodeLog withoutTimestamps() {
        return new NodeLog(false);
    }

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
        out.println((timestamps ? LocalDateTime.now().format(FORMAT) + " " : "") + level + " " + NAME + " - "
                + message);
        out.flush();
    }

    /**
     * A line a container worker printed ({@code LEVEL Logger - message}, without date), as a line of this log with
     * the worker's name after the level: {@code 2014-02-25 18:45:47.123 INFO [worker2] TickService - ...}. Lines in
     * another shape (a stack trace) get {@code previousLevel}.
     *
     * @return the level of the line, for the next one
     */
    public String worker(String worker, String line, String previousLevel) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        boolean leveled = LEVELS.contains(first);
        String level = leveled ? first : previousLevel;
        String rest = leveled ? line.substring(space + 1) : line;
        PrintStream out = System.out;
        out.println(LocalDateTime.now().format(FORMAT) + " " + level + " [" + worker + "] " + rest);
        out.flush();
        return level;
    }
}
