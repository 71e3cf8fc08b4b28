package dev.switchboard.launcher;

import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import java.io.IOException;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Applies the features' configurations through Configuration Admin, once, as soon as the service is registered
 * (before SCR starts when the start levels say so, so components activate with their configuration at once).
 * The location {@code "?"} binds a configuration to whichever bundle asks for its pid (multi-location), as a
 * configuration file would.
 */
final class ConfigurationInstaller {

    private final BundleContext context;
    private final List<PlannedConfiguration> configurations;
    private boolean applied;

    ConfigurationInstaller(BundleContext context, List<PlannedConfiguration> configurations) {
        this.context = context;
        this.configurations = configurations;
        this.applied = configurations.isEmpty();
    }

    boolean isDone() {
        return applied;
    }

    /** Applies them if Configuration Admin is there and they were not applied yet; returns whether they are now. */
    boolean applyIfAvailable() throws LauncherException {
        if (applied) {
            return true;
        }
        ServiceReference<?> reference = context.getServiceReference(ConfigurationAdmin.class.getName());
        if (reference == null) {
            return false;
        }
        Object service = context.getService(reference);
        try {
            if (!(service instanceof ConfigurationAdmin admin)) {
                throw new LauncherException("the Configuration Admin of " + reference.getBundle().getSymbolicName()
                        + " does not use the org.osgi.service.cm package the system bundle exports (version "
                        + FrameworkProperties.CM_PACKAGE_VERSION + "), so the launcher cannot configure it");
            }
            for (PlannedConfiguration planned : configurations) {
                apply(admin, planned);
            }
            applied = true;
            return true;
        } finally {
            context.ungetService(reference);
        }
    }

    private static void apply(ConfigurationAdmin admin, PlannedConfiguration planned) throws LauncherException {
        var configuration = planned.configuration();
        try {
            Configuration target = configuration.isFactory()
                    ? admin.getFactoryConfiguration(configuration.factoryPid(), configuration.name(), "?")
                    : admin.getConfiguration(configuration.pid(), "?");
            target.update(planned.properties());
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("configuration " + planned.pid() + " (" + planned.feature()
                    + ") could not be applied: " + e, e);
        }
    }
}
