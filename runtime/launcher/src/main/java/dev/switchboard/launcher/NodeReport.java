package dev.switchboard.launcher;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** What the node offers, read from service properties: realm names and listener addresses. */
final class NodeReport {

    private NodeReport() {
    }

    static List<String> realms(BundleContext context) {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<?> reference : references(context, "(" + StartupCheck.REALM_PROPERTY + "=*)")) {
            names.addAll(strings(reference.getProperty(StartupCheck.REALM_PROPERTY)));
        }
        return new ArrayList<>(names);
    }

    static List<String> listenerAddresses(BundleContext context) {
        List<String> addresses = new ArrayList<>();
        for (ServiceReference<?> reference : references(context,
                "(objectClass=" + StartupCheck.TRANSPORT_LISTENER + ")")) {
            addresses.addAll(strings(reference.getProperty("switchboard.listener.addresses")));
        }
        addresses.sort(null);
        return addresses;
    }

    /**
     * The HTTP service's endpoints (property osgi.http.endpoint of the HTTP runtime service, e.g.
     * http://127.0.0.1:8090/), where the Web Console and /metrics are served.
     */
    static List<String> httpEndpoints(BundleContext context) {
        TreeSet<String> endpoints = new TreeSet<>();
        for (ServiceReference<?> reference : references(context, "(osgi.http.endpoint=*)")) {
            endpoints.addAll(strings(reference.getProperty("osgi.http.endpoint")));
        }
        return new ArrayList<>(endpoints);
    }

    private static List<ServiceReference<?>> references(BundleContext context, String filter) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null, filter);
            return references == null ? List.of() : List.of(references);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    /** The conventions say String[]; take a String or a Collection too rather than show nothing. */
    static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                strings.add(String.valueOf(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(element -> strings.add(String.valueOf(element)));
        } else {
            strings.add(String.valueOf(value));
        }
        return strings;
    }
}
