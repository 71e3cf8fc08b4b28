package dev.switchboard.launcher;

import dev.switchboard.launcher.ConfigLoader.Loaded;
import dev.switchboard.launcher.StartPlan.Additions;
import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import dev.switchboard.launcher.config.ConfigMapping;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * {@code switchboard container --cbdir DIR --worker ID [--config FILE]}: a container worker's JVM, started by its
 * node. Runs {@code features/container/*.json} (no router), a remote connector to the router the worker's
 * transport names, and the worker's components, from its deploy/&lt;worker&gt;/ and, installed here only, from
 * system/. Logs to standard output without dates: the node writes the lines into its log. Ends when its node ends,
 * even if the node was killed.
 */
final class ContainerNode {

    private final NodeLayout runtime;
    private final NodeDirectory node;
    private final String worker;
    private final Path configFile;
    private final NodeLog log = NodeLog.withoutTimestamps();

    ContainerNode(NodeLayout runtime, NodeDirectory node, String worker, Path configFile) {
        this.runtime = runtime;
        this.node = node;
        this.worker = worker;
        this.configFile = configFile == null ? node.config() : configFile;
    }

    int run() {
        Logging.installForContainer();
        Loaded loaded = ConfigLoader.load(configFile, node, runtime);
        if (!loaded.ok()) {
            log.error(configFile + " has problems; the container does not start:\n  "
                    + String.join("\n  ", loaded.problems().errors()));
            return Main.FAILED;
        }
        Optional<ContainerWorker> found = loaded.config().container(worker);
        if (found.isEmpty()) {
            log.error(configFile + " has no container worker \"" + worker + "\"");
            return Main.FAILED;
        }
        ContainerWorker container = found.get();
        ComponentBundles bundles = ComponentBundles.forContainer(runtime, node, worker);
        Set<Path> jars = new LinkedHashSet<>();
        for (ComponentSpec component : container.components()) {
            bundles.locate(component.classname()).filter(ComponentBundles.Located::fromSystem)
                    .ifPresent(located -> jars.add(located.jar()));
        }
        Additions additions = new Additions(jars.stream().map(jar -> bundles.planned(jar, ConfigMapping.SOURCE))
                .toList(), ConfigMapping.container(container), ConfigMapping.OWNED_FACTORY_PIDS, ConfigMapping.SOURCE);
        List<PlannedConfiguration> components = container.components().stream().map(ConfigMapping::component)
                .toList();
        Shutdown shutdown = new Shutdown(log);
        shutdown.registerHook();
        endWithParent();
        Duration timeout = StartupCheck.timeout();
        Node starter = new Node(NodeLayout.forContainer(runtime.home(), node, worker), Placeholders.fromSystem(),
                timeout, false, log);
        Framework framework;
        try {
            framework = starter.start(shutdown::attach, additions, new Node.Hooks() {
                @Override
                public void started(BundleContext context) throws LauncherException {
                    ComponentCheck.await(context, components, timeout);
                }

                @Override
                public boolean router() {
                    return false;
                }
            });
        } catch (LauncherException e) {
            if (shutdown.claimForMain()) {
                log.error("container " + worker + " did not start: " + e.getMessage());
                shutdown.stopNode();
            }
            return Main.FAILED;
        }
        log.info("container " + worker + " runs " + container.components().size() + " component"
                + (container.components().size() == 1 ? "" : "s") + ", connecting to "
                + (container.transport() == null ? "nothing" : container.transport().url()));
        return Main.runUntilStopped(framework, shutdown, log);
    }

    /** A node killed with SIGKILL cannot stop its containers: they notice and stop themselves. */
    private void endWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            log.warn("the node (pid " + parent.pid() + ") is gone; container " + worker + " stops");
            System.exit(0); // runs the shutdown hook, which stops the framework
        }));
    }
}
