package dev.switchboard.launcher;

import dev.switchboard.launcher.ConfigLoader.Loaded;
import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import dev.switchboard.launcher.StartupCheck.Unmet;
import dev.switchboard.launcher.config.ConfigMapping;
import dev.switchboard.launcher.config.NodeConfig;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The router's share of config.json while the node runs: applies an accepted edit as the difference to what runs,
 * through Configuration Admin (a new realm or transport is created, a changed one updated, a removed one deleted),
 * installs or uninstalls the system/ bundles of added or removed component classes, and hands the container workers
 * to the {@link ContainerSupervisor}. A realm, transport or component of the edit that does not come up (a port in
 * use, a component that fails) is put back as it was, with the reason in the log.
 */
final class LiveConfiguration {

    private final BundleContext context;
    private final NodeLayout runtime;
    private final NodeDirectory node;
    private final NodeLog log;
    private final ContainerSupervisor containers;
    private final Runnable statusUpdate;
    private final Duration timeout;
    private final Map<String, PlannedConfiguration> applied = new LinkedHashMap<>();
    private final Set<Path> systemBundles = new LinkedHashSet<>();

    LiveConfiguration(BundleContext context, NodeLayout runtime, NodeDirectory node, NodeLog log,
            ContainerSupervisor containers, Runnable statusUpdate, Duration timeout) {
        this.context = context;
        this.runtime = runtime;
        this.node = node;
        this.log = log;
        this.containers = containers;
        this.statusUpdate = statusUpdate;
        this.timeout = timeout;
    }

    /** What the start applied. */
    synchronized void started(Loaded loaded, Set<Path> installedSystemBundles) throws LauncherException {
        ConfigMapping.router(loaded.config().router()).forEach(planned -> applied.put(planned.pid(), planned));
        systemBundles.addAll(installedSystemBundles);
        writeRunning(loaded.text());
        containers.reconcile(loaded.config().containers());
    }

    /** The system/ jars that provide the router's component classes (not those FileInstall deploys). */
    static Set<Path> systemBundles(NodeConfig config, ComponentBundles bundles) {
        Set<Path> jars = new LinkedHashSet<>();
        if (config.router() != null) {
            for (ComponentSpec component : config.router().components()) {
                bundles.locate(component.classname()).filter(ComponentBundles.Located::fromSystem)
                        .ifPresent(located -> jars.add(located.jar()));
            }
        }
        return jars;
    }

    synchronized void apply(Loaded loaded) {
        Map<String, PlannedConfiguration> wanted = new LinkedHashMap<>();
        ConfigMapping.router(loaded.config().router()).forEach(planned -> wanted.put(planned.pid(), planned));
        Set<Path> jars = systemBundles(loaded.config(), ComponentBundles.forRouter(runtime, node));
        try {
            writeRunning(loaded.text());
        } catch (LauncherException e) {
            log.warn(e.getMessage() + "; container workers restarted now start with the previous configuration");
        }
        Map<String, PlannedConfiguration> previous = new LinkedHashMap<>(applied);
        List<PlannedConfiguration> changed = new ArrayList<>();
        ConfigurationAdmin admin = admin();
        if (admin == null) {
            log.error("config.json change not applied: Configuration Admin is gone");
            return;
        }
        for (Path jar : difference(systemBundles, jars)) {
            uninstall(jar); // before its configurations go, or DS would start the component without one
        }
        for (String pid : difference(previous.keySet(), wanted.keySet())) {
            delete(admin, previous.get(pid), "removed");
        }
        for (PlannedConfiguration planned : wanted.values()) {
            PlannedConfiguration before = previous.get(planned.pid());
            if (before == null || !sameProperties(before.properties(), planned.properties())) {
                update(admin, planned, before == null ? "added" : "changed");
                changed.add(planned);
            }
        }
        for (Path jar : difference(jars, systemBundles)) {
            install(jar);
        }
        containers.reconcile(loaded.config().containers());
        if (changed.isEmpty() && previous.keySet().equals(wanted.keySet())) {
            log.info("config.json: no change for the router");
        }
        verify(admin, changed, previous);
        statusUpdate.run();
    }

    /** Waits for what changed to come up; puts back what does not. */
    private void verify(ConfigurationAdmin admin, List<PlannedConfiguration> changed,
            Map<String, PlannedConfiguration> previous) {
        if (changed.isEmpty()) {
            return;
        }
        pause(Duration.ofMillis(500)); // Configuration Admin tells DS asynchronously; let the old service go first
        List<String> failed = new ArrayList<>();
        try {
            for (Unmet unmet : StartupCheck.unmet(context, StartupCheck.expectations(changed), timeout)) {
                failed.add(unmet.expectation().configuration().pid());
                log.error("config.json: " + unmet.message());
            }
        } catch (LauncherException e) {
            log.error("config.json: " + e.getMessage());
            return;
        }
        List<PlannedConfiguration> components = changed.stream()
                .filter(planned -> StartupCheck.expectations(List.of(planned)).isEmpty()
                        && !planned.configuration().factoryPid().startsWith(ConfigMapping.AUTH_PID)).toList();
        ComponentCheck.problems(context, components, timeout).forEach((pid, problem) -> {
            log.error("config.json: " + problem);
            failed.add(pid);
        });
        for (String pid : failed) {
            PlannedConfiguration before = previous.get(pid);
            if (before == null) {
                delete(admin, applied.get(pid), "removed again");
            } else {
                update(admin, before, "put back as it was");
            }
        }
    }

    private void update(ConfigurationAdmin admin, PlannedConfiguration planned, String what) {
        try {
            configuration(admin, planned).update(planned.properties());
            applied.put(planned.pid(), planned);
            log.info("config.json: " + describe(planned) + " " + what);
        } catch (IOException | RuntimeException e) {
            log.error("config.json: " + describe(planned) + " could not be " + what + ": " + e);
        }
    }

    private void delete(ConfigurationAdmin admin, PlannedConfiguration planned, String what) {
        try {
            configuration(admin, planned).delete();
            applied.remove(planned.pid());
            log.info("config.json: " + describe(planned) + " " + what);
        } catch (IOException | RuntimeException e) {
            log.error("config.json: " + describe(planned) + " could not be " + what + ": " + e);
        }
    }

    private static Configuration configuration(ConfigurationAdmin admin, PlannedConfiguration planned)
            throws IOException {
        return admin.getFactoryConfiguration(planned.configuration().factoryPid(), planned.configuration().name(),
                "?");
    }

    private static String describe(PlannedConfiguration planned) {
        String factoryPid = planned.configuration().factoryPid();
        String name = planned.configuration().name();
        if (factoryPid.equals(ConfigMapping.REALM_PID)) {
            return "realm " + name;
        }
        if (factoryPid.equals(ConfigMapping.AUTH_PID)) {
            return "auth of transport " + name;
        }
        if (factoryPid.startsWith(StartupCheck.TRANSPORT_FACTORY_PID_PREFIX)) {
            return "transport " + name;
        }
        return "component " + name + " (" + factoryPid + ")";
    }

    private void install(Path jar) {
        try {
            Bundle bundle = context.installBundle(jar.toUri().toString());
            bundle.start();
            systemBundles.add(jar);
            log.info("config.json: installed " + bundle.getSymbolicName() + " " + bundle.getVersion() + " from "
                    + runtime.relative(jar));
        } catch (BundleException | RuntimeException e) {
            log.error("config.json: cannot install " + jar + ": " + BundleStarter.reason(e));
        }
    }

    private void uninstall(Path jar) {
        Bundle bundle = context.getBundle(jar.toUri().toString());
        systemBundles.remove(jar);
        if (bundle == null) {
            return;
        }
        try {
            bundle.uninstall();
            log.info("config.json: uninstalled " + bundle.getSymbolicName() + " (no component uses it any more)");
        } catch (BundleException | RuntimeException e) {
            log.error("config.json: cannot uninstall " + bundle.getSymbolicName() + ": " + e);
        }
    }

    private ConfigurationAdmin admin() {
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        return reference == null ? null : context.getService(reference);
    }

    private void writeRunning(String text) throws LauncherException {
        Path file = node.runningConfig();
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LauncherException("cannot write " + file + ": " + e);
        }
    }

    static boolean sameProperties(Dictionary<String, Object> one, Dictionary<String, Object> other) {
        if (one.size() != other.size()) {
            return false;
        }
        for (String key : Collections.list(one.keys())) {
            if (!Objects.deepEquals(one.get(key), other.get(key))) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> difference(Set<T> from, Set<T> without) {
        List<T> result = new ArrayList<>(from);
        result.removeAll(without);
        return result;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For the tests and logs. */
    synchronized Set<String> appliedPids() {
        return Set.copyOf(applied.keySet());
    }

    @Override
    public synchronized String toString() {
        return "LiveConfiguration[" + applied.size() + " configurations, " + systemBundles.size()
                + " component bundles from system/]";
    }
}
