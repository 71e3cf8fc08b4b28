package dev.switchboard.launcher;

import dev.switchboard.launcher.BundleStarter.InstalledBundle;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts a node: reads the features, plans, starts Felix, installs and starts the bundles in start-level order,
 * applies the configurations as soon as Configuration Admin is up, then waits for every configured realm and
 * transport to be there. Returns the running framework, or stops it and throws a message naming what failed.
 */
public final class Node {

    private final NodeLayout layout;
    private final Placeholders placeholders;
    private final Duration timeout;
    private final boolean interactive;
    private final NodeLog log;

    public Node(NodeLayout layout, Placeholders placeholders, Duration timeout, boolean interactive, NodeLog log) {
        this.layout = layout;
        this.placeholders = placeholders;
        this.timeout = timeout;
        this.interactive = interactive;
        this.log = log;
    }

    /** What a caller adds to a start: work once the cache is locked, and checks once the node is up. */
    public interface Hooks {

        Hooks NONE = new Hooks() {
        };

        /** The framework cache is this process's now: e.g. write the pid file. */
        default void locked() throws LauncherException {
        }

        /** Realms and transports are up; throwing fails the start (the framework is stopped). */
        default void started(BundleContext context) throws LauncherException {
        }

        /** Whether this JVM is a router: then a node without realm or listener is worth a warning. */
        default boolean router() {
            return true;
        }
    }

    /**
     * @param created gets the framework as soon as it exists, so a signal during start-up can stop it
     */
    public Framework start(Consumer<Framework> created) throws LauncherException {
        return start(created, StartPlan.Additions.NONE, Hooks.NONE);
    }

    public Framework start(Consumer<Framework> created, StartPlan.Additions additions, Hooks hooks)
            throws LauncherException {
        long started = System.nanoTime();
        presetJettyReferencesPerCacheLine();
        log.info(Product.NAME + " " + Product.version() + " starting in " + layout.home()
                + (layout.state().equals(layout.home()) ? "" : " for node directory " + layout.state()));
        log.info(Product.java());
        layout.createDirectories();
        StartPlan plan = StartPlan.of(layout.readFeatures(), layout, placeholders, additions);
        log.info("features: " + String.join(", ", plan.features().stream().map(Node::describe).toList()));

        Map<String, String> properties = FrameworkProperties.of(layout, plan, interactive);
        FileLock lock = StorageLock.acquire(Path.of(properties.get(Constants.FRAMEWORK_STORAGE)));
        Framework framework;
        try {
            hooks.locked();
            framework = newFramework(properties);
        } catch (LauncherException | RuntimeException e) {
            release(lock);
            throw e;
        }
        created.accept(framework);
        try {
            framework.init();
            log.info("framework " + framework.getSymbolicName() + " " + framework.getVersion() + ", "
                    + plural(plan.bundles().size(), "bundle") + ", start levels 1-" + plan.beginningStartLevel());
            BundleContext context = framework.getBundleContext();
            List<InstalledBundle> installed = BundleStarter.install(context, plan.bundles());
            framework.start();
            ConfigurationInstaller configurations = new ConfigurationInstaller(context, plan.configurations());
            BundleStarter.startAll(installed, bundle -> configurations.applyIfAvailable());
            awaitConfigurationAdmin(configurations);
            StartupCheck.await(context, StartupCheck.expectations(plan.configurations()), timeout);
            hooks.started(context);
            report(context, started, hooks.router());
            return framework;
        } catch (LauncherException e) {
            stop(framework);
            release(lock);
            throw e;
        } catch (BundleException | RuntimeException e) {
            stop(framework);
            release(lock);
            throw new LauncherException("the framework did not start: " + BundleStarter.reason(e), e);
        }
    }

    private static String describe(Feature feature) {
        return feature.name() != null ? feature.name() : feature.source().getFileName().toString();
    }

    private static Framework newFramework(Map<String, String> properties) throws LauncherException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow(
                () -> new LauncherException("no OSGi framework on the class path (lib/ should hold Felix)"));
        return factory.newFramework(properties);
    }

    /** Configuration Admin may register its service a little after its bundle started. */
    private void awaitConfigurationAdmin(ConfigurationInstaller configurations) throws LauncherException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!configurations.applyIfAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new LauncherException("the features define configurations, but no Configuration Admin service"
                        + " appeared within " + timeout.toSeconds()
                        + " s (is org.apache.felix.configadmin in a feature?)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("interrupted during start-up");
            }
        }
    }

    private void report(BundleContext context, long started, boolean router) {
        List<String> realms = NodeReport.realms(context);
        List<String> addresses = NodeReport.listenerAddresses(context);
        realms.forEach(realm -> log.info("realm " + realm));
        addresses.forEach(address -> log.info("listening on " + address));
        for (String endpoint : NodeReport.httpEndpoints(context)) {
            String base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
            log.info("web console " + base + "system/console/wamp, metrics " + base + "metrics");
        }
        if (realms.isEmpty() && router) {
            log.warn("no realm: no client can join (configure factory pid " + StartupCheck.REALM_FACTORY_PID + ")");
        }
        if (addresses.isEmpty() && router) {
            log.warn("no listener: no client can connect (add a transport feature or configuration)");
        }
        Bundle[] bundles = context.getBundles();
        long active = Arrays.stream(bundles).filter(bundle -> bundle.getState() == Bundle.ACTIVE).count();
        log.info("started in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: "
                + plural(bundles.length - 1, "bundle") + " (" + (active - 1) + " active), "
                + plural(realms.size(), "realm") + ", " + plural(addresses.size(), "listener address"));
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    private static void release(FileLock lock) {
        try {
            lock.channel().close(); // releases the lock too
        } catch (IOException e) {
            // the process is about to exit, which releases it anyway
        }
    }

    /** Bounded: a framework that hangs while stopping must not keep a failed start from exiting. */
    static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    /**
     * Jetty pads its queues by the object references per cache line and, unless told, asks JMX whether references
     * are compressed: that one question starts the platform MBean server (about 350 classes, 5-7 MB of resident
     * memory) in a node that does not otherwise use JMX. Told here, before any Jetty class loads; a value set on
     * the command line wins.
     */
    static void presetJettyReferencesPerCacheLine() {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE,
                    Integer.toString(referencesPerCacheLine(Runtime.getRuntime().maxMemory())));
        }
    }

    /** 64-byte lines; references are compressed (4 bytes) below a 32 GiB heap, 8 bytes above. */
    static int referencesPerCacheLine(long maxHeapBytes) {
        return maxHeapBytes < (32L << 30) ? 16 : 8;
    }
}
