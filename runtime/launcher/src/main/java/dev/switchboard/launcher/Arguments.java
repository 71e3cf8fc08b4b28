package dev.switchboard.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line: one command and its options. Node settings come as system properties.
 *
 * @param nodeDirectory {@code --cbdir}/{@code --cbdata}, resolved against the directory the user ran the script in;
 *                      {@code null} when not given
 * @param force         {@code init --force}
 * @param worker        {@code container --worker}
 * @param config        {@code container --config}, {@code null} for the node directory's config.json
 * @param shellLine     {@code shell}: the command line to run in the node, its words joined by spaces
 */
public record Arguments(Command command, Path nodeDirectory, boolean force, String worker, Path config,
        String shellLine) {

    public enum Command {
        INIT, START, STOP, STATUS, CHECK, VERSION, HELP, CHECK_FEATURES, CONTAINER, SHELL
    }

    /** The directory the user ran the script in (the script changes to the runtime directory before Java runs). */
    public static final String CWD_PROPERTY = "switchboard.cwd";

    public static final String USAGE = """
            Usage: switchboard <command> [options]

            Commands:
              init --cbdir DIR [--force]
                         create a node directory: config.json (the demo: realm1, a web transport on
                         127.0.0.1:8080 with the page at / and WebSocket at /ws, RawSocket on run/router.sock,
                         TimeService in the router, TickService in a container worker), web/, the node's
                         Ed25519 key pair (key.priv, key.pub) and deploy/; refuses an existing node directory
                         unless --force (which keeps existing keys)
              start [--cbdir DIR]
                         run the node in the foreground; Ctrl-C, SIGTERM or 'switchboard stop' stops it.
                         With --cbdir: what DIR/config.json says, edits of it applied while running; logs to
                         DIR/log/node.log. Without: the runtime's features and their default configuration
              stop [--cbdir DIR]
                         stop the node running for DIR (or this runtime) and wait for it
              status [--cbdir DIR]
                         whether the node runs: pid, realms, listeners, container workers
              check --cbdir DIR
                         validate DIR/config.json without starting anything: prints OK, or every problem
              shell [--cbdir DIR] COMMAND...
                         run a shell command in the running node and print what it prints, e.g.
                         switchboard shell 'wamp:sessions realm1' or 'log:level dev.switchboard debug'
                         (one argument keeps Gogo's quoting); over run/shell.sock, which only the user
                         who runs the node can use. Exit code 1 when the command fails
              version    print the version
              check-features
                         check that every bundle named in features/ is in system/ (used by the build)
              help, --help
                         print this help
              container --cbdir DIR --worker ID [--config FILE]
                         run one container worker of DIR/config.json in this JVM (the node starts these
                         itself; by hand only to investigate one)

            --cbdata is another name for --cbdir, as in Crossbar.io 0.x.
            Exit codes: 0 done, 1 failed (the message says why), 2 wrong command line (or a shell line
            the node refuses), 3 no node is running (stop, status, shell).

            Settings are Java system properties, passed in SWITCHBOARD_OPTS or JAVA_OPTS, e.g.
              SWITCHBOARD_OPTS='-Dswitchboard.websocket.port=9090' switchboard start
            A configuration value written ${name:-default} in features/*.json takes the system property
            'name', else the environment variable 'name' or NAME_IN_UPPER_CASE (SWITCHBOARD_WEBSOCKET_PORT),
            else the default. Others:
              switchboard.startup.timeout   seconds to wait for realms, listeners and components (default 10)
            Drop bundles and .cfg/.config files into deploy/ (runtime/deploy, or DIR/deploy for the router
            and DIR/deploy/<worker>/ for a container worker) to install or configure them while running.
            """;

    private static final Set<String> WITH_NODE_DIRECTORY = Set.of("init", "start", "stop", "status", "check",
            "container");

    public static Arguments parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        List<String> rest = List.of(args).subList(1, args.length);
        if (args[0].equals("shell")) {
            return shell(rest);
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            return new Arguments(Command.HELP, null, false, null, null, null);
        }
        String name = args[0];
        Command command = switch (name) {
            case "init" -> Command.INIT;
            case "start" -> Command.START;
            case "stop" -> Command.STOP;
            case "status" -> Command.STATUS;
            case "check" -> Command.CHECK;
            case "version", "--version" -> Command.VERSION;
            case "check-features" -> Command.CHECK_FEATURES;
            case "container" -> Command.CONTAINER;
            case "help", "--help", "-h" -> Command.HELP;
            case "shell" -> Command.SHELL; // parsed by shell() above
            default -> throw new UsageException("unknown command '" + name + "'");
        };
        Options options = new Options(name, rest);
        Path nodeDirectory = WITH_NODE_DIRECTORY.contains(name) ? options.path("--cbdir", "--cbdata") : null;
        boolean force = name.equals("init") && options.flag("--force");
        String worker = name.equals("container") ? options.value("--worker") : null;
        Path config = name.equals("container") ? options.path("--config") : null;
        options.noneLeft();
        if ((command == Command.INIT || command == Command.CHECK || command == Command.CONTAINER)
                && nodeDirectory == null) {
            throw new UsageException("'" + name + "' needs --cbdir DIR");
        }
        if (command == Command.CONTAINER && worker == null) {
            throw new UsageException("'container' needs --worker ID");
        }
        return new Arguments(command, nodeDirectory, force, worker, config, null);
    }

    /**
     * {@code shell [--cbdir DIR] COMMAND...}: the launcher's options come first; from the first other word on,
     * everything is the command line (whose own options, such as {@code -j}, are the command's).
     */
    private static Arguments shell(List<String> rest) throws UsageException {
        List<String> options = new ArrayList<>();
        int next = 0;
        while (next < rest.size()) {
            String word = rest.get(next);
            if (word.equals("--")) {
                next++;
                break;
            } else if (word.equals("--help") || word.equals("-h")) {
                return new Arguments(Command.HELP, null, false, null, null, null);
            } else if (word.equals("--cbdir") || word.equals("--cbdata")) {
                options.addAll(rest.subList(next, Math.min(next + 2, rest.size())));
                next += 2;
            } else if (word.startsWith("--cbdir=") || word.startsWith("--cbdata=")) {
                options.add(word);
                next++;
            } else if (word.startsWith("--")) {
                throw new UsageException("'shell' does not take " + word);
            } else {
                break;
            }
        }
        Path nodeDirectory = new Options("shell", options).path("--cbdir", "--cbdata");
        List<String> words = rest.subList(Math.min(next, rest.size()), rest.size());
        String line = String.join(" ", words).strip();
        if (line.isEmpty()) {
            throw new UsageException("'shell' needs a command, e.g. switchboard shell 'wamp:sessions realm1'");
        }
        return new Arguments(Command.SHELL, nodeDirectory, false, null, null, line);
    }

    /** Options of one command: {@code --name value}, {@code --name=value} and flags, each at most once. */
    private static final class Options {

        private final String command;
        private final List<String> left;

        Options(String command, List<String> arguments) {
            this.command = command;
            this.left = new ArrayList<>(arguments);
        }

        String value(String... names) throws UsageException {
            String found = null;
            for (String name : names) {
                for (int i = 0; i < left.size(); i++) {
                    String argument = left.get(i);
                    String value;
                    if (argument.equals(name)) {
                        if (i + 1 >= left.size() || left.get(i + 1).startsWith("--")) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = left.remove(i + 1);
                    } else if (argument.startsWith(name + "=")) {
                        value = argument.substring(name.length() + 1);
                    } else {
                        continue;
                    }
                    left.remove(i);
                    if (found != null) {
                        throw new UsageException(String.join("/", names) + " is given twice");
                    }
                    found = value;
                    i--;
                }
            }
            if (found != null && found.isBlank()) {
                throw new UsageException(names[0] + " needs a value");
            }
            return found;
        }

        Path path(String... names) throws UsageException {
            String value = value(names);
            if (value == null) {
                return null;
            }
            Path base = Path.of(System.getProperty(CWD_PROPERTY, ""));
            return base.resolve(value).toAbsolutePath().normalize();
        }

        boolean flag(String name) {
            return left.remove(name);
        }

        void noneLeft() throws UsageException {
            if (!left.isEmpty()) {
                throw new UsageException("'" + command + "' does not take " + String.join(" ", left));
            }
        }
    }
}
