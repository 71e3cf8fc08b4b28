package dev.switchboard.shell;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The node's log levels as the logging backend keeps them; {@link LogbackLevels} is the one the node has. */
interface LogLevels {

    /** Levels an operator may set; {@value #INHERIT} removes a logger's own level so it takes its parent's. */
    Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
    String INHERIT = "inherit";
    String ROOT = "ROOT";

    /**
     * A logger's level.
     *
     * @param level     its own level, {@code null} when it inherits one
     * @param effective the level it logs at
     * @param used      whether the logger or one below it has been used (a typo names a logger nobody uses)
     */
    record LoggerLevel(String name, String level, String effective, boolean used) {
    }

    /** The root and every logger with a level of its own, root first, then by name. */
    List<LoggerLevel> configured();

    LoggerLevel get(String logger);

    /**
     * Sets {@code logger}'s level until the node stops (or the configuration file is edited and read again).
     *
     * @param level one of {@link #LEVELS} or {@link #INHERIT}
     * @return the logger's level before
     */
    LoggerLevel set(String logger, String level);

    /** The level as the operator may type it, checked; lower case. */
    static String checkLevel(String level) {
        String lower = level == null ? "" : level.strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(lower) && !lower.equals(INHERIT)) {
            throw new IllegalArgumentException("unknown level '" + level + "': one of trace, debug, info, warn,"
                    + " error, off, or inherit (take the parent's)");
        }
        return lower;
    }

    /** "root", "ROOT" and "" name the root logger. */
    static String loggerName(String logger) {
        String name = logger == null ? "" : logger.strip();
        return name.isEmpty() || name.equalsIgnoreCase(ROOT) ? ROOT : name;
    }
}
