package dev.switchboard.launcher;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Constants;

/**
 * The Felix configuration of a node. A Java system property of the same name wins over each value here, so that
 * {@code -Dfelix.fileinstall.poll=2000} in SWITCHBOARD_OPTS works as a user expects.
 */
public final class FrameworkProperties {

    /**
     * Version of {@code org.osgi.service.cm} in the API jar on the launcher's classpath. Above the 1.6.0 that
     * Felix ConfigAdmin exports itself, so the resolver wires ConfigAdmin and FileInstall to the system bundle's copy,
     * the one the launcher's classes see: one interface, so the launcher can cast the service.
     */
    static final String CM_PACKAGE_VERSION = "1.6.1";

    static final String GOSH_ARGS = "gosh.args";

    private FrameworkProperties() {
    }

    public static Map<String, String> of(NodeLayout layout, StartPlan plan, boolean interactive) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, layout.frameworkStorage().toString());
        // A node is its features: start from them every time instead of from what the cache remembers.
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(plan.beginningStartLevel()));
        properties.put("felix.startlevel.bundle", Integer.toString(StartPlan.DEFAULT_START_LEVEL));
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "org.osgi.service.cm;version=" + CM_PACKAGE_VERSION);

        properties.putAll(fileInstall(layout.deploy(), layout.data().resolve("fileinstall")));
        // Felix HTTP would otherwise start Jetty on its defaults (0.0.0.0:8080) until its configuration arrives,
        // briefly taking the WebSocket port on every address.
        properties.put("org.apache.felix.http.require.config", "true");

        // Gogo reads stdin; at EOF (no terminal: a service, CI, a pipe) it would stop the framework.
        properties.put(GOSH_ARGS, interactive ? "" : "--nointeractive");
        // Where the node serves its owner-only shell socket for 'switchboard shell' (bundles/shell)
        properties.put(ShellClient.SOCKET_PROPERTY, ShellClient.socket(layout.run()).toString());

        Map<String, String> result = new LinkedHashMap<>();
        properties.forEach((key, value) -> result.put(key, System.getProperty(key, value)));
        return result;
    }

    /**
     * How FileInstall watches a directory: as framework properties for the first one, and as the properties of an
     * {@code org.apache.felix.fileinstall} factory configuration for each further one (a node directory's deploy/).
     */
    public static Map<String, String> fileInstall(Path directory, Path tmpdir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("felix.fileinstall.dir", directory.toString());
        properties.put("felix.fileinstall.poll", "500");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        // Only what FileInstall can handle; keeps deploy/README.md from being installed as a bundle.
        properties.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        // Sub-directories are not bundles: a node directory's deploy/<worker>/ belongs to that container worker.
        properties.put("felix.fileinstall.subdir.mode", "skip");
        properties.put("felix.fileinstall.tmpdir", tmpdir.toString());
        properties.put("felix.fileinstall.log.level", "3"); // info: hot deploys show in the log
        // Unset, FileInstall refreshes every bundle whose optional import a deployed bundle could satisfy: dropping
        // in an org.osgi.service.log bundle would restart SCR (so every component of the router) and refresh
        // FileInstall itself from its own thread, which deadlocks it. Only refresh what FileInstall deployed.
        properties.put("felix.fileinstall.optionalImportRefreshScope", "managed");
        return properties;
    }

    /**
     * A person at a terminal. Java 22+ returns a {@link Console} even when stdin is redirected and added
     * {@code Console.isTerminal()} to tell; called by reflection as this jar targets Java 17.
     */
    public static boolean interactiveConsole() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java < 22: a Console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
