package dev.switchboard.launcher;

import java.util.List;

/** The parsed command line: one command, no options yet (settings come as system properties). */
public record Arguments(Command command) {

    public enum Command {
        START, VERSION, HELP, CHECK_FEATURES
    }

    public static final String USAGE = """
            Usage: switchboard <command>

            Commands:
              start            run the node in the foreground; Ctrl-C or SIGTERM stops it
              version          print the version
              check-features   check that every bundle named in features/*.json is in system/ and that
                               every configuration in them converts (used by the build)
              help, --help     print this help

            Settings are Java system properties, passed in SWITCHBOARD_OPTS or JAVA_OPTS, e.g.
              SWITCHBOARD_OPTS='-Dswitchboard.websocket.port=9090' switchboard start
            A configuration value written ${name:-default} in features/*.json takes the system property
            'name', else the environment variable 'name' or NAME_IN_UPPER_CASE (SWITCHBOARD_WEBSOCKET_PORT),
            else the default. Others:
              switchboard.startup.timeout   seconds to wait for realms and listeners (default 10)
            Drop bundles and .cfg/.config files into deploy/ to install or configure them while running.
            """;

    public static Arguments parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        List<String> rest = List.of(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            return new Arguments(Command.HELP);
        }
        Command command = switch (args[0]) {
            case "start" -> Command.START;
            case "version", "--version" -> Command.VERSION;
            case "check-features" -> Command.CHECK_FEATURES;
            case "help", "--help", "-h" -> Command.HELP;
            default -> throw new UsageException("unknown command '" + args[0] + "'");
        };
        if (!rest.isEmpty()) {
            throw new UsageException("'" + args[0] + "' takes no arguments, got " + String.join(" ", rest));
        }
        return new Arguments(command);
    }
}
