package dev.switchboard.launcher;

import dev.switchboard.launcher.ConfigLoader.Loaded;
import dev.switchboard.launcher.StartPlan.Additions;
import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import dev.switchboard.launcher.config.ConfigMapping;
import dev.switchboard.launcher.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;

/**
 * {@code switchboard start --cbdir DIR}: validates config.json before anything starts, starts the runtime's
 * features with config.json's configurations in place of the features' realms and transports, checks the
 * components, then starts the container workers and watches config.json for edits.
 */
final class RouterNode {

    static final String NODE_DEPLOY_WATCHER = "org.apache.felix.fileinstall";

    private final NodeLayout runtime;
    private final NodeDirectory node;
    private final NodeLayout layout;
    private final NodeLog log = new NodeLog();

    RouterNode(NodeLayout runtime, NodeDirectory node) {
        this.runtime = runtime;
        this.node = node;
        this.layout = NodeLayout.forNode(runtime.home(), node);
    }

    int run() {
        if (!node.exists()) {
            System.err.println("switchboard: " + node.root() + " is not a node directory (no config.json); create"
                    + " one with: switchboard init --cbdir " + node.root());
            return Main.FAILED;
        }
        try {
            Logging.install(layout.logFile());
        } catch (LauncherException e) {
            System.err.println("switchboard: " + e.getMessage());
            return Main.FAILED;
        }
        Loaded loaded = ConfigLoader.load(node.config(), node, runtime);
        loaded.problems().warnings().forEach(warning -> log.warn("config.json: " + warning));
        if (!loaded.ok()) {
            StringBuilder message = new StringBuilder(node.config() + " has " + loaded.problems().errorCount()
                    + " problem" + (loaded.problems().errorCount() == 1 ? "" : "s") + "; nothing was started:");
            loaded.problems().errors().forEach(error -> message.append("\n  ").append(error));
            log.error(message.toString());
            return Main.FAILED;
        }
        String publicKey;
        try {
            publicKey = keys();
            directories(loaded.config());
        } catch (LauncherException e) {
            log.error(e.getMessage());
            return Main.FAILED;
        }
        return start(loaded, publicKey);
    }

    private int start(Loaded loaded, String publicKey) {
        NodeConfig config = loaded.config();
        RunFiles files = new RunFiles(layout.run());
        NodeStatus status = new NodeStatus(files, layout, config.controllerId(), publicKey);
        Shutdown shutdown = new Shutdown(log);
        shutdown.afterFrameworkStopped(files::remove);
        ContainerSupervisor containers = new ContainerSupervisor(runtime, node, log, status);
        shutdown.beforeFrameworkStops(containers::stopAll);
        shutdown.registerHook();

        ComponentBundles bundles = ComponentBundles.forRouter(runtime, node);
        Set<Path> jars = LiveConfiguration.systemBundles(config, bundles);
        List<PlannedConfiguration> configurations = new ArrayList<>(ConfigMapping.router(config.router()));
        configurations.add(nodeDeployWatcher());
        Additions additions = new Additions(jars.stream().map(jar -> bundles.planned(jar, ConfigMapping.SOURCE))
                .toList(), configurations, ConfigMapping.OWNED_FACTORY_PIDS, ConfigMapping.SOURCE);
        List<PlannedConfiguration> components = config.router() == null ? List.of()
                : config.router().components().stream().map(ConfigMapping::component).toList();
        Duration timeout = StartupCheck.timeout();
        Node starter = new Node(layout, Placeholders.fromSystem(), timeout, FrameworkProperties.interactiveConsole(),
                log);
        Framework framework;
        try {
            framework = starter.start(shutdown::attach, additions, new Node.Hooks() {
                @Override
                public void locked() throws LauncherException {
                    files.writePid();
                }

                @Override
                public void started(BundleContext context) throws LauncherException {
                    ComponentCheck.await(context, components, timeout);
                }
            });
        } catch (LauncherException e) {
            if (shutdown.claimForMain()) {
                log.error("start-up failed: " + e.getMessage());
                shutdown.stopNode();
            }
            return Main.FAILED;
        }
        BundleContext context = framework.getBundleContext();
        Runnable statusUpdate = () -> status.router(NodeReport.realms(context), NodeReport.listenerAddresses(context));
        statusUpdate.run();
        LiveConfiguration live = new LiveConfiguration(context, runtime, node, log, containers, statusUpdate, timeout);
        try {
            live.started(loaded, jars);
        } catch (LauncherException e) {
            log.warn(e.getMessage());
        }
        ConfigWatcher watcher = new ConfigWatcher(node, runtime, live, log, loaded.text());
        shutdown.beforeFrameworkStops(watcher::stop);
        watcher.start();
        log.info("node directory " + node.root() + ": " + CheckCommand.summary(config) + "; edits of config.json"
                + " are applied while running");
        return Main.runUntilStopped(framework, shutdown, log);
    }

    /** Loads the node's key pair, or makes one when there is none (a node directory from before keys). */
    private String keys() throws LauncherException {
        if (!Files.exists(node.privateKey()) && !Files.exists(node.publicKey())) {
            String key = NodeKeys.generate(node);
            log.info("generated the node key pair key.priv, key.pub");
            return key;
        }
        String key = NodeKeys.load(node);
        if (NodeKeys.privateKeyIsExposed(node)) {
            log.warn(node.privateKey() + " can be read by others than its owner; chmod 600 it");
        }
        log.info("node key: ed25519 " + key);
        return key;
    }

    private void directories(NodeConfig config) throws LauncherException {
        List<Path> directories = new ArrayList<>(List.of(node.deploy(), node.run(), node.data()));
        config.containers().forEach(container -> directories.add(node.workerDeploy(container.id())));
        for (Path directory : directories) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new LauncherException("cannot create " + directory + ": " + e);
            }
        }
    }

    /** FileInstall watches the node directory's deploy/ too, as a factory configuration of its own. */
    private PlannedConfiguration nodeDeployWatcher() {
        Map<String, Object> properties = new LinkedHashMap<>(FrameworkProperties.fileInstall(node.deploy(),
                node.data().resolve("fileinstall-deploy")));
        return ConfigMapping.factory(NODE_DEPLOY_WATCHER, "node-deploy", properties);
    }
}
