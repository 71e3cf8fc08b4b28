package dev.switchboard.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code log:level}: the node's log levels, read and set while it runs. A level set here holds until the node stops;
 * a permanent one belongs in the Logback configuration (see README, Logs).
 */
@Component(service = LogCommands.class, property = {"osgi.command.scope=log", "osgi.command.function=level"})
public final class LogCommands {

    private static final Logger LOG = LoggerFactory.getLogger(LogCommands.class);
    private static final String JSON_HELP = "print JSON instead of a table, for scripts";
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private final Supplier<Object> loggerFactory;

    /** For Declarative Services: slf4j's factory, which is Logback's logger context in the node. */
    public LogCommands() {
        this(LoggerFactory::getILoggerFactory);
    }

    /** For tests. */
    LogCommands(Supplier<Object> loggerFactory) {
        this.loggerFactory = loggerFactory;
    }

    @Descriptor("list the loggers that have a level of their own (ROOT first) and the level each logs at")
    public String level(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<LogLevels.LoggerLevel> levels = levels().configured();
        if (json) {
            return JsonViews.pretty(levels.stream().map(LogCommands::json).toList());
        }
        TextTable table = new TextTable().left("LOGGER").left("LEVEL").left("EFFECTIVE");
        levels.forEach(l -> table.row(l.name(), l.level(), l.effective()));
        return table.render();
    }

    @Descriptor("show one logger's level: its own (- when it inherits) and the one it logs at")
    public String level(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("logger name, e.g. dev.switchboard.router, or ROOT") String logger) {
        LogLevels.LoggerLevel level = levels().get(logger);
        if (json) {
            return JsonViews.pretty(json(level));
        }
        return level.name() + ": " + (level.level() == null ? "inherits " + level.effective()
                : level.level()) + note(level) + "\n";
    }

    @Descriptor("set a logger's level until the node stops: trace, debug, info, warn, error, off; 'inherit' takes"
            + " the parent's again. Loggers are named by package or class, e.g. dev.switchboard.router")
    public String level(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("logger name, e.g. dev.switchboard.router, or ROOT") String logger,
            @Descriptor("trace, debug, info, warn, error, off or inherit") String level) {
        LogLevels levels = levels();
        LogLevels.LoggerLevel before = levels.set(logger, level);
        LogLevels.LoggerLevel after = levels.get(logger);
        String now = after.level() == null ? "inherit (" + after.effective() + ")" : after.level();
        // Off this thread: while a command runs, Gogo sends what its thread (and threads it starts) print, the
        // console appender's lines too, to the command's output: to a 'switchboard shell' client, not the node's log.
        ShellSocketServer.daemon(() -> LOG.info("Log level of {} set to {} (was {}) from the shell", after.name(),
                now, describe(before)), "switchboard-log-level").start();
        if (json) {
            Map<String, Object> result = json(after);
            result.put("before", json(before));
            return JsonViews.pretty(result);
        }
        return after.name() + ": " + (after.level() == null ? "inherits " + after.effective() : after.level())
                + " (was " + describe(before) + ")" + note(before) + "\n";
    }

    /** The backend, or an exception that says why levels cannot be changed. */
    private LogLevels levels() {
        Object factory = loggerFactory.get();
        if (factory == null || !factory.getClass().getName().equals(LOGBACK_CONTEXT)) {
            throw new IllegalStateException("log levels can only be changed at runtime with Logback as the slf4j"
                    + " provider; this node has " + (factory == null ? "none" : factory.getClass().getName()));
        }
        try {
            return LogbackLevels.of(factory);
        } catch (NoClassDefFoundError | ClassCastException e) {
            // Logback was installed after this bundle resolved: its optional import is not wired
            throw new IllegalStateException("this bundle does not see Logback (installed after it?): refresh it"
                    + " (refresh " + LogCommands.class.getName() + "'s bundle) and try again");
        }
    }

    private static String describe(LogLevels.LoggerLevel level) {
        return level.level() == null ? "inherited " + level.effective() : level.level();
    }

    private static String note(LogLevels.LoggerLevel level) {
        return level.used() ? "" : "; note: nothing has logged through " + level.name() + " or below it yet"
                + " (a typo?)";
    }

    private static Map<String, Object> json(LogLevels.LoggerLevel level) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("logger", level.name());
        json.put("level", level.level());
        json.put("effective", level.effective());
        json.put("used", level.used());
        return json;
    }

    @Override
    public String toString() {
        return "LogCommands[log:level]";
    }
}
