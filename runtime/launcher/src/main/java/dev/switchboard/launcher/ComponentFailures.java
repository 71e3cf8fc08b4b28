package dev.switchboard.launcher;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Asks Declarative Services whether the component configured by a pid failed to activate (DS 1.5
 * {@code ComponentConfigurationDTO.FAILED_ACTIVATION} and its {@code failure} text), so that start-up can fail at once
 * with the reason (e.g. the port is taken) instead of waiting for the timeout. Best effort and by reflection, because
 * the DS runtime API is not on the launcher's classpath; any surprise means "don't know" and start-up falls back to
 * waiting.
 */
final class ComponentFailures {

    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final int FAILED_ACTIVATION = 16;

    private final BundleContext context;

    ComponentFailures(BundleContext context) {
        this.context = context;
    }

    /** The failure of a component configuration whose {@code service.pid} is the given pid, if DS knows one. */
    Optional<String> failureOf(String pid) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(RUNTIME, null);
            if (references == null) {
                return Optional.empty();
            }
            ServiceReference<?> reference = references[0];
            Object runtime = context.getService(reference);
            try {
                return runtime == null ? Optional.empty() : failureOf(runtime, reference.getBundle(), pid);
            } finally {
                context.ungetService(reference);
            }
        } catch (ReflectiveOperationException | RuntimeException | org.osgi.framework.InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> failureOf(Object runtime, Bundle scr, String pid)
            throws ReflectiveOperationException {
        // Call through the interface: the implementation class need not be public.
        Class<?> api = scr.loadClass(RUNTIME);
        Class<?> descriptionType = scr.loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
        Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
        Method configurations = api.getMethod("getComponentConfigurationDTOs", descriptionType);
        for (Object description : (Iterable<?>) descriptions.invoke(runtime, (Object) new Bundle[0])) {
            for (Object configuration : (Iterable<?>) configurations.invoke(runtime, description)) {
                Map<?, ?> properties = (Map<?, ?>) field(configuration, "properties");
                if (properties != null && pid.equals(properties.get("service.pid"))
                        && ((Integer) field(configuration, "state")) == FAILED_ACTIVATION) {
                    Object failure = field(configuration, "failure");
                    String name = String.valueOf(field(description, "name"));
                    return Optional.of("component " + name + " failed to activate"
                            + (failure == null ? "" : ": " + summary(String.valueOf(failure))));
                }
            }
        }
        return Optional.empty();
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        Object value = dto.getClass().getField(name).get(dto);
        return value != null && value.getClass().isArray() && Array.getLength(value) == 0 ? null : value;
    }

    /**
     * DS puts the whole stack trace in {@code failure}; the log has it, the message needs its first line and the
     * root cause (the last "Caused by:"), which is where a BindException ends up.
     */
    static String summary(String stackTrace) {
        String[] lines = stackTrace.split("\\R");
        String summary = lines[0].trim();
        for (int i = lines.length - 1; i > 0; i--) {
            String line = lines[i].trim();
            if (line.startsWith("Caused by: ")) {
                return summary + " (" + line + ")";
            }
        }
        return summary;
    }
}
