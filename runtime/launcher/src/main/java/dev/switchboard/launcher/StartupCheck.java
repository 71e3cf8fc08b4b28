package dev.switchboard.launcher;

import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Start-up is finished when every realm and transport the features configured is up, not when the bundles are:
 * a realm configuration must give a service with {@code wamp.realm} and its {@code service.pid}, a transport
 * configuration a {@code TransportListener} service with its {@code service.pid} (the router's and transports'
 * conventions). Looked up by property, so the launcher needs none of their classes.
 */
final class StartupCheck {

    static final String REALM_FACTORY_PID = "dev.switchboard.realm";
    static final String TRANSPORT_FACTORY_PID_PREFIX = "dev.switchboard.transport.";
    static final String REALM_PROPERTY = "wamp.realm";
    static final String TRANSPORT_LISTENER = "dev.switchboard.api.router.TransportListener";
    static final String TIMEOUT_PROPERTY = "switchboard.startup.timeout";

    private static final long POLL_MILLIS = 100;

    /** A service that must appear for a configuration. */
    record Expectation(PlannedConfiguration configuration, String filter, String description) {

        String missingMessage(Duration timeout) {
            return description + " " + configuration.pid() + " (" + configuration.feature() + ") has no "
                    + (filter.contains(REALM_PROPERTY) ? "realm service (" + REALM_PROPERTY + ")"
                            : "TransportListener service")
                    + " after " + timeout.toSeconds() + " s; the log above should say why"
                    + (description.startsWith("transport") ? " (port or socket path in use?)" : "");
        }
    }

    private StartupCheck() {
    }

    static List<Expectation> expectations(List<PlannedConfiguration> configurations) {
        List<Expectation> expectations = new ArrayList<>();
        for (PlannedConfiguration planned : configurations) {
            String factoryPid = planned.configuration().factoryPid();
            String pid = "(service.pid=" + escape(planned.pid()) + ")";
            if (REALM_FACTORY_PID.equals(factoryPid)) {
                expectations.add(new Expectation(planned, "(&(" + REALM_PROPERTY + "=*)" + pid + ")", "realm"));
            } else if (factoryPid != null && factoryPid.startsWith(TRANSPORT_FACTORY_PID_PREFIX)) {
                expectations.add(new Expectation(planned, "(&(objectClass=" + TRANSPORT_LISTENER + ")" + pid + ")",
                        "transport"));
            }
        }
        return expectations;
    }

    static Duration timeout() {
        return Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, 10));
    }

    /** An expectation not met, and why. */
    record Unmet(Expectation expectation, String message) {
    }

    /** Waits until every expected service is there; fails early when DS reports the component failed. */
    static void await(BundleContext context, List<Expectation> expectations, Duration timeout)
            throws LauncherException {
        List<Unmet> unmet = unmet(context, expectations, timeout);
        if (!unmet.isEmpty()) {
            throw new LauncherException(String.join("\n", unmet.stream().map(Unmet::message).toList()));
        }
    }

    /**
     * Waits until every expected service is there, one failed (DS says so) or the timeout passed; returns what is
     * not there, with the reason.
     */
    static List<Unmet> unmet(BundleContext context, List<Expectation> expectations, Duration timeout)
            throws LauncherException {
        List<Expectation> waiting = new ArrayList<>(expectations);
        ComponentFailures failures = new ComponentFailures(context);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Unmet> failed = new ArrayList<>();
            for (var iterator = waiting.iterator(); iterator.hasNext();) {
                Expectation expectation = iterator.next();
                if (isRegistered(context, expectation)) {
                    iterator.remove();
                    continue;
                }
                Optional<String> failure = failures.failureOf(expectation.configuration().pid());
                failure.ifPresent(reason -> failed.add(new Unmet(expectation, expectation.description() + " "
                        + expectation.configuration().pid() + " (" + expectation.configuration().feature()
                        + ") did not start: " + reason)));
            }
            if (!failed.isEmpty() || waiting.isEmpty()) {
                return failed;
            }
            if (System.nanoTime() > deadline) {
                return waiting.stream().map(expectation -> new Unmet(expectation,
                        expectation.missingMessage(timeout))).toList();
            }
            if (context.getBundle(0).getState() != Bundle.ACTIVE) {
                throw new LauncherException("the framework stopped during start-up");
            }
            sleep();
        }
    }

    private static boolean isRegistered(BundleContext context, Expectation expectation) throws LauncherException {
        try {
            return context.getAllServiceReferences(null, expectation.filter()) != null;
        } catch (InvalidSyntaxException e) {
            throw new LauncherException("internal error: bad filter " + expectation.filter(), e);
        } catch (IllegalStateException e) {
            throw new LauncherException("the framework stopped during start-up");
        }
    }

    /** RFC 1960 filter escaping: a pid is user text. */
    static String escape(String value) {
        return value.replaceAll("([\\\\*()])", "\\\\$1");
    }

    private static void sleep() throws LauncherException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted during start-up");
        }
    }
}
