package dev.switchboard.launcher;

import java.util.List;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * {@code switchboard start | version | check-features | help}. Exit codes: 0 done or stopped cleanly, 1 start-up or
 * check failed (the message says what), 2 wrong command line.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

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
            case CHECK_FEATURES -> checkFeatures(NodeLayout.fromSystemProperties());
            case START -> start(NodeLayout.fromSystemProperties());
        };
    }

    /** For the build: every bundle named is in system/, every configuration converts with its defaults. */
    static int checkFeatures(NodeLayout layout) {
        try {
            List<Feature> features = layout.readFeatures();
            StartPlan plan = StartPlan.of(features, layout, Placeholders.defaultsOnly());
            System.out.println("features OK in " + layout.home() + ": " + features.size() + " features, "
                    + plan.bundles().size() + " bundles, " + plan.configurations().size() + " configurations");
            return OK;
        } catch (LauncherException e) {
            System.err.println("switchboard: " + e.getMessage());
            return FAILED;
        }
    }

    private static int start(NodeLayout layout) {
        try {
            Logging.install(layout.logFile());
        } catch (LauncherException e) {
            System.err.println("switchboard: " + e.getMessage());
            return FAILED;
        }
        NodeLog log = new NodeLog();
        Shutdown shutdown = new Shutdown(log);
        shutdown.registerHook();
        Framework framework;
        try {
            Node node = new Node(layout, Placeholders.fromSystem(), StartupCheck.timeout(),
                    FrameworkProperties.interactiveConsole(), log);
            framework = node.start(shutdown::attach);
        } catch (LauncherException e) {
            if (shutdown.claimForMain()) {
                log.error("start-up failed: " + e.getMessage());
            }
            return FAILED;
        }
        FrameworkEvent event = waitForStop(framework);
        if (shutdown.claimForMain()) {
            // Stopped from inside (the shell's "stop 0", a bundle): nothing left to run.
            if (event.getType() == FrameworkEvent.STOPPED_UPDATE) {
                log.warn("the framework asked to be restarted; this launcher does not restart it, start it again");
            }
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
