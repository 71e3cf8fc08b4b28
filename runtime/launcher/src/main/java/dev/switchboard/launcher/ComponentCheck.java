package dev.switchboard.launcher;

import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * After start (and after a configuration change): is every configured component running? Asks Declarative
 * Services for the component configuration of each factory configuration (by {@code service.pid}) and its state,
 * by reflection like {@link ComponentFailures}. A component that failed to activate fails at once with its reason;
 * one that is still missing at the timeout is named with what it waits for: no DS component with that configuration
 * PID in any bundle, or an unsatisfied reference (no {@code WampConnector}).
 */
final class ComponentCheck {

    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final int UNSATISFIED_CONFIGURATION = 1;
    private static final int UNSATISFIED_REFERENCE = 2;
    private static final int SATISFIED = 4;
    private static final int ACTIVE = 8;
    private static final int FAILED_ACTIVATION = 16;

    private ComponentCheck() {
    }

    /** Waits until every component runs; throws naming each that failed or is still missing at the timeout. */
    static void await(BundleContext context, List<PlannedConfiguration> components, Duration timeout)
            throws LauncherException {
        Map<String, String> problems = problems(context, components, timeout);
        if (!problems.isEmpty()) {
            throw new LauncherException(String.join("\n", problems.values()));
        }
    }

    /** Like {@link #await}, returning the problems by configuration pid instead. */
    static Map<String, String> problems(BundleContext context, List<PlannedConfiguration> components,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, String> problems = new LinkedHashMap<>();
            boolean failed = false;
            for (PlannedConfiguration component : components) {
                Problem problem = problem(context, component);
                if (problem != null) {
                    problems.put(component.pid(), problem.message());
                    failed |= problem.failed();
                }
            }
            if (failed || problems.isEmpty() || System.nanoTime() > deadline) {
                return problems;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return problems;
            }
        }
    }

    /** @param failed the component will not come up by waiting */
    private record Problem(String message, boolean failed) {

        static Problem waiting(String message) {
            return new Problem(message, false);
        }
    }

    /** {@code null} when the component is running. */
    private static Problem problem(BundleContext context, PlannedConfiguration component) {
        String name = "component " + component.configuration().name() + " (" + component.pid() + ", "
                + component.feature() + ")";
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(RUNTIME, null);
            if (references == null) {
                return Problem.waiting(name + " has no Declarative Services runtime to run it");
            }
            Object runtime = context.getService(references[0]);
            try {
                return problem(runtime, references[0].getBundle(), component, name);
            } finally {
                context.ungetService(references[0]);
            }
        } catch (ReflectiveOperationException | RuntimeException | org.osgi.framework.InvalidSyntaxException e) {
            return null; // cannot tell: do not fail a start over the check itself
        }
    }

    private static Problem problem(Object runtime, Bundle scr, PlannedConfiguration component, String name)
            throws ReflectiveOperationException {
        Class<?> api = scr.loadClass(RUNTIME);
        Class<?> descriptionType = scr.loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
        Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
        Method configurations = api.getMethod("getComponentConfigurationDTOs", descriptionType);
        String factoryPid = component.configuration().factoryPid();
        boolean described = false;
        for (Object description : (Collection<?>) descriptions.invoke(runtime, (Object) new Bundle[0])) {
            String[] pids = (String[]) field(description, "configurationPid");
            if (pids == null || !List.of(pids).contains(factoryPid)) {
                continue;
            }
            described = true;
            for (Object configuration : (Collection<?>) configurations.invoke(runtime, description)) {
                Map<?, ?> properties = (Map<?, ?>) field(configuration, "properties");
                if (properties == null || !component.pid().equals(properties.get("service.pid"))) {
                    continue;
                }
                return state(configuration, name);
            }
        }
        return Problem.waiting(described ? name + " has no component configuration yet"
                : name + ": no DS component in the installed bundles has the configuration PID " + factoryPid
                        + " (a component class needs configurationPid = its class name)");
    }

    private static Problem state(Object configuration, String name) throws ReflectiveOperationException {
        int state = (Integer) field(configuration, "state");
        return switch (state) {
            case ACTIVE, SATISFIED -> null;
            case FAILED_ACTIVATION -> new Problem(name + " failed to activate: "
                    + ComponentFailures.summary(String.valueOf(field(configuration, "failure"))), true);
            case UNSATISFIED_REFERENCE -> Problem.waiting(name + " waits for " + unsatisfied(configuration));
            case UNSATISFIED_CONFIGURATION -> Problem.waiting(name + " waits for its configuration");
            default -> Problem.waiting(name + " is in DS state " + state);
        };
    }

    private static String unsatisfied(Object configuration) throws ReflectiveOperationException {
        Object references = field(configuration, "unsatisfiedReferences");
        List<String> names = new ArrayList<>();
        for (int i = 0; references != null && i < Array.getLength(references); i++) {
            Object reference = Array.get(references, i);
            Object target = field(reference, "target");
            names.add("reference '" + field(reference, "name") + "'" + (target == null ? "" : " " + target));
        }
        return names.isEmpty() ? "its references" : String.join(", ", names)
                + " (is the client bundle, with its connector, installed?)";
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        return dto.getClass().getField(name).get(dto);
    }
}
