package dev.switchboard.launcher;

import dev.switchboard.launcher.StartPlan.PlannedBundle;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Installs the planned bundles, then starts them one by one in start-level order. Starting them ourselves (rather
 * than marking them and letting the framework raise its start level) makes a failure synchronous: the exception
 * names the bundle and Felix's message says why (the missing requirement, the activator's exception). The start
 * levels are still set, so the framework stops bundles in reverse order and {@code lb} shows them.
 */
final class BundleStarter {

    /** A planned bundle and what the framework made of it. */
    record InstalledBundle(PlannedBundle planned, Bundle bundle) {

        String describe() {
            return bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + planned.id() + ", "
                    + planned.feature() + ")";
        }
    }

    private BundleStarter() {
    }

    static List<InstalledBundle> install(BundleContext context, List<PlannedBundle> plan) throws LauncherException {
        List<InstalledBundle> installed = new ArrayList<>();
        for (PlannedBundle planned : plan) {
            try {
                Bundle bundle = context.installBundle(planned.file().toUri().toString());
                bundle.adapt(BundleStartLevel.class).setStartLevel(planned.startLevel());
                installed.add(new InstalledBundle(planned, bundle));
            } catch (BundleException | RuntimeException e) {
                throw new LauncherException("bundle " + planned.id() + " (" + planned.feature()
                        + ") could not be installed: " + reason(e), e);
            }
        }
        return installed;
    }

    /**
     * @param afterEach runs after each start, e.g. to apply configurations as soon as Configuration Admin is up
     */
    static void startAll(List<InstalledBundle> installed, StartListener afterEach) throws LauncherException {
        for (InstalledBundle entry : installed) {
            Bundle bundle = entry.bundle();
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue; // fragments attach to their host when it resolves; they are never started
            }
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                throw new LauncherException("bundle " + entry.describe() + " did not start: " + reason(e), e);
            }
            afterEach.started(entry);
        }
    }

    /** Felix's message, plus the activator's exception where there is one (its message alone says "Activator start error"). */
    static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            reason.append("\n    caused by ").append(cause);
        }
        return reason.toString();
    }

    @FunctionalInterface
    interface StartListener {
        void started(InstalledBundle bundle) throws LauncherException;
    }
}
