package dev.switchboard.shell;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Log levels in Logback, the node's slf4j provider (features/core.json). Only this class names Logback's types, so
 * the bundle loads without Logback (its import is optional) and {@link LogCommands} says what is missing.
 */
final class LogbackLevels implements LogLevels {

    private final LoggerContext context;

    private LogbackLevels(LoggerContext context) {
        this.context = context;
    }

    /** @param factory slf4j's logger factory, a Logback {@code LoggerContext} */
    static LogLevels of(Object factory) {
        return new LogbackLevels((LoggerContext) factory);
    }

    @Override
    public List<LoggerLevel> configured() {
        List<LoggerLevel> levels = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                levels.add(view(logger));
            }
        }
        levels.sort(Comparator.comparing((LoggerLevel l) -> !l.name().equals(ROOT)).thenComparing(LoggerLevel::name));
        return levels;
    }

    @Override
    public LoggerLevel get(String logger) {
        String name = LogLevels.loggerName(logger);
        Logger existing = context.exists(name);
        if (existing != null) {
            return view(existing);
        }
        // Not created here (a typo would then look used): its level is that of the nearest logger above it.
        Logger above = null;
        for (String parent = name; above == null; ) {
            int dot = parent.lastIndexOf('.');
            parent = dot < 0 ? ROOT : parent.substring(0, dot);
            above = context.exists(parent);
        }
        return new LoggerLevel(name, null, lower(above.getEffectiveLevel()), used(name));
    }

    @Override
    public LoggerLevel set(String logger, String level) {
        String name = LogLevels.loggerName(logger);
        String checked = LogLevels.checkLevel(level);
        if (name.equals(ROOT) && checked.equals(INHERIT)) {
            throw new IllegalArgumentException("the root logger has no parent to inherit from: give it a level");
        }
        LoggerLevel before = get(name);
        context.getLogger(name).setLevel(checked.equals(INHERIT) ? null : Level.toLevel(checked));
        return before;
    }

    private LoggerLevel view(Logger logger) {
        return view(logger, used(logger.getName()));
    }

    private static LoggerLevel view(Logger logger, boolean used) {
        return new LoggerLevel(logger.getName(), logger.getLevel() == null ? null : lower(logger.getLevel()),
                lower(logger.getEffectiveLevel()), used);
    }

    /** Whether a logger of this name or below it exists, i.e. some code asked for it. */
    private boolean used(String name) {
        if (name.equals(ROOT)) {
            return true;
        }
        for (Logger logger : context.getLoggerList()) {
            String other = logger.getName();
            if (other.equals(name) || other.startsWith(name + ".") || other.startsWith(name + "$")) {
                return true;
            }
        }
        return false;
    }

    private static String lower(Level level) {
        return level.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "LogbackLevels[" + context.getName() + "]";
    }
}
