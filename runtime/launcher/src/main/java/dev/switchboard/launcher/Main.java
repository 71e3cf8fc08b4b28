package dev.switchboard.launcher;

import java.util.List;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * {@code switchboard init | start | stop | status | check | shell | version | check-features | help} (and
 * {@code container}, which a node runs for each container worker). Exit codes: 0 done or stopped cleanly,
 * 1 start-up or check failed (the message says what), 2 wrong command line, 3 no node running (stop, status,
 * shell); {@code shell} passes on the exit status of the command it ran in the node.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_RUNNING = 3;

    private Main() {
    }

    public static void main(String[] args) {
        // If the shutdown hook is stopping the node, System.exit blocks and the hook ends the JVM with 0.
        System.exit(run(args));
    }

    static int run(String... args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (UsageException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.err.println();
            System.err.print(Arguments.USAGE);
            return USAGE;
        }
        NodeLayout runtime = NodeLayout.fromSystemProperties();
        NodeDirectory node = arguments.nodeDirectory() == null ? null : new NodeDirectory(arguments.nodeDirectory());
        return switch (arguments.command()) {
            case HELP -> {
                System.out.print(Arguments.USAGE);
                yield OK;
            }
            case VERSION -> {
                System.out.println(Product.NAME + " " + Product.version());
                System.out.println(Product.java());
                yield OK;
            }
            case CHECK_FEATURES -> checkFeatures(runtime);
            case INIT -> init(runtime, node, arguments.force());
            case CHECK -> CheckCommand.run(runtime, node, System.out, System.err);
            case START -> node == null ? start(runtime) : new RouterNode(runtime, node).run();
            case STOP -> StopCommand.run(runFiles(runtime, node), describe(runtime, node), System.out, System.err);
            case STATUS -> StatusCommand.run(runFiles(runtime, node), describe(runtime, node), System.out);
            case SHELL -> ShellClient.run(ShellClient.socket(node == null ? runtime.run() : node.run()),
                    arguments.shellLine(), describe(runtime, node), System.out, System.err);
            case CONTAINER -> new ContainerNode(runtime, node, arguments.worker(), arguments.config()).run();
        };
    }

    private static RunFiles runFiles(NodeLayout runtime, NodeDirectory node) {
        return new RunFiles(node == null ? runtime.run() : node.run());
    }

    private static String describe(NodeLayout runtime, NodeDirectory node) {
        return node == null ? "the runtime " + runtime.home() : node.root().toString();
    }

    private static int init(NodeLayout runtime, NodeDirectory node, boolean force) {
        try {
            new InitCommand(runtime, System.out).run(node, force);
            return OK;
        } catch (LauncherException e) {
            System.err.println("switchboard: " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * For the build: every bundle named is in system/, every configuration converts with its defaults; the
     * container workers' features in features/container/ too.
     */
    static int checkFeatures(NodeLayout layout) {
        try {
            List<Feature> features = layout.readFeatures();
            StartPlan plan = StartPlan.of(features, layout, Placeholders.defaultsOnly());
            System.out.println("features OK in " + layout.home() + ": " + features.size() + " features, "
                    + plan.bundles().size() + " bundles, " + plan.configurations().size() + " configurations");
            NodeLayout container = new NodeLayout(layout.home(), layout.features().resolve("container"),
                    layout.deploy(), layout.data(), layout.state());
            if (java.nio.file.Files.isDirectory(container.features())) {
                List<Feature> containerFeatures = container.readFeatures();
                StartPlan containerPlan = StartPlan.of(containerFeatures, container, Placeholders.defaultsOnly());
                System.out.println("container features OK: " + containerFeatures.size() + " features, "
                        + containerPlan.bundles().size() + " bundles");
            }
            return OK;
        } catch (LauncherException e) {
            System.err.println("switchboard: " + e.getMessage());
            return FAILED;
        }
    }

    /** {@code start} without a node directory: the runtime's features with their configurations. */
    private static int start(NodeLayout layout) {
        try {
            Logging.install(layout.logFile());
        } catch (LauncherException e) {
            System.err.println("switchboard: " + e.getMessage());
            return FAILED;
        }
        NodeLog log = new NodeLog();
        Shutdown shutdown = new Shutdown(log);
        RunFiles files = new RunFiles(layout.run());
        shutdown.afterFrameworkStopped(files::remove);
        shutdown.registerHook();
        Framework framework;
        try {
            Node node = new Node(layout, Placeholders.fromSystem(), StartupCheck.timeout(),
                    FrameworkProperties.interactiveConsole(), log);
            framework = node.start(shutdown::attach, StartPlan.Additions.NONE, new Node.Hooks() {
                @Override
                public void locked() throws LauncherException {
                    files.writePid();
                }
            });
        } catch (LauncherException e) {
            if (shutdown.claimForMain()) {
                log.error("start-up failed: " + e.getMessage());
                shutdown.stopNode();
            }
            return FAILED;
        }
        var context = framework.getBundleContext();
        new NodeStatus(files, layout, null, null).router(NodeReport.realms(context),
                NodeReport.listenerAddresses(context));
        return runUntilStopped(framework, shutdown, log);
    }

    /** Waits for the framework to stop; when it stopped by itself (not by a signal), finishes the stop here. */
    static int runUntilStopped(Framework framework, Shutdown shutdown, NodeLog log) {
        FrameworkEvent event = waitForStop(framework);
        if (shutdown.claimForMain()) {
            // Stopped from inside (the shell's "stop 0", a bundle): nothing left to run.
            if (event.getType() == FrameworkEvent.STOPPED_UPDATE) {
                log.warn("the framework asked to be restarted; this launcher does not restart it, start it again");
            }
            shutdown.stopNode();
            log.info("stopped");
        }
        return OK;
    }

    private static FrameworkEvent waitForStop(Framework framework) {
        while (true) {
            try {
                return framework.waitForStop(0);
            } catch (InterruptedException e) {
                // keep waiting: only the framework's stop ends the node
            }
        }
    }
}
