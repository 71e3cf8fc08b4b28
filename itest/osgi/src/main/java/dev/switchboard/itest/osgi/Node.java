package dev.switchboard.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.router.TransportListener;

/**
 * The framework the tests run in, seen through the OSGi APIs only: services, configurations, bundles. Every wait is
 * bounded so that a broken node fails a test instead of hanging the build.
 */
final class Node {

    static final String REALM_FACTORY_PID = "dev.switchboard.realm";
    static final String WEBSOCKET_FACTORY_PID = "dev.switchboard.transport.websocket";
    static final String REALM_COMPONENT = "dev.switchboard.router.RealmComponent";
    static final String WEBSOCKET_COMPONENT = "dev.switchboard.transport.websocket.WebSocketTransport";

    /** Long enough for DS, ConfigAdmin and Jetty on a slow CI machine; short enough to fail fast. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Map<String, ServiceTracker<?, ?>> TRACKERS = new ConcurrentHashMap<>();

    private Node() {}

    static BundleContext context() {
        Bundle self = FrameworkUtil.getBundle(Node.class);
        if (self == null || self.getBundleContext() == null) {
            throw new IllegalStateException("not inside an OSGi framework, or the tester bundle is not active");
        }
        LogEcho.start(self.getBundleContext());
        return self.getBundleContext();
    }

    static Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    static Bundle requireBundle(String symbolicName) {
        return bundle(symbolicName).orElseGet(() -> fail("bundle " + symbolicName + " is not installed"));
    }

    static ConfigurationAdmin configAdmin() {
        return awaitService(ConfigurationAdmin.class, null);
    }

    static ServiceComponentRuntime scr() {
        return awaitService(ServiceComponentRuntime.class, null);
    }

    /**
     * Waits for a service of the type (and matching the filter, when not null), and returns it. The tracker stays
     * open until the tester bundle stops: closing it would unget the service, and a service factory such as
     * ConfigurationAdmin invalidates the object it handed out.
     */
    static <S> S awaitService(Class<S> type, String filter) {
        ServiceTracker<?, ?> tracker = TRACKERS.computeIfAbsent(type.getName() + filter, key -> track(type, filter));
        try {
            Object service = tracker.waitForService(TIMEOUT.toMillis());
            if (service == null) {
                fail("no " + type.getName() + " service" + (filter == null ? "" : " matching " + filter) + " within "
                        + TIMEOUT.toSeconds() + " s");
            }
            return type.cast(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits for a service matching the filter, whatever its type and whether or not this bundle can load that type
     * (a realm is registered under a private class of the router bundle), and returns its reference.
     */
    static ServiceReference<?> awaitReference(String filter) {
        return awaitReference(filter, () -> "");
    }

    /** As {@link #awaitReference(String)}, adding the diagnosis to the failure message. */
    static ServiceReference<?> awaitReference(String filter, Supplier<String> diagnosis) {
        awaitTrue(() -> references(filter).length > 0, () -> "no service matching " + filter + diagnosis.get());
        return references(filter)[0];
    }

    /** Waits until no service matches the filter. */
    static void awaitNoReference(String filter) {
        awaitTrue(() -> references(filter).length == 0,
                () -> "services matching " + filter + " are still registered: " + Arrays.toString(references(filter)));
    }

    /** All services matching the filter, of any type. */
    static ServiceReference<?>[] references(String filter) {
        try {
            ServiceReference<?>[] refs = context().getAllServiceReferences(null, filter);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static <S> ServiceTracker<S, S> track(Class<S> type, String filter) {
        try {
            String objectClass = "(" + Constants.OBJECTCLASS + "=" + type.getName() + ")";
            String full = filter == null ? objectClass : "(&" + objectClass + filter + ")";
            ServiceTracker<S, S> tracker = new ServiceTracker<>(context(), context().createFilter(full), null);
            tracker.open();
            return tracker;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Creates a factory configuration. Location "?" binds it to whichever bundle's component uses it; the default
     * (the calling bundle, i.e. this tester) would hide it from the router's and the transport's components.
     */
    static Configuration createFactoryConfiguration(String factoryPid, Map<String, ?> properties) {
        try {
            Configuration config = configAdmin().createFactoryConfiguration(factoryPid, "?");
            config.update(new Hashtable<>(properties));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Configuration config) {
        if (config == null) {
            return;
        }
        try {
            config.delete();
        } catch (IOException | IllegalStateException alreadyGone) {
            // deleted by the test itself
        }
    }

    /** Deletes the configuration and waits until the service made from it (carrying its pid) is gone. */
    static void deleteAndAwait(Configuration config) {
        if (config == null) {
            return;
        }
        String filter;
        try {
            filter = pidFilter(config);
        } catch (IllegalStateException alreadyDeleted) {
            return;
        }
        deleteQuietly(config);
        awaitNoReference(filter);
    }

    /** Creates a realm configuration and waits for the realm service. */
    static Configuration createRealm(String name) {
        Configuration config = createFactoryConfiguration(REALM_FACTORY_PID, Map.of("name", name));
        awaitReference("(&(wamp.realm=" + name + ")" + pidFilter(config) + ")",
                () -> "; " + describeComponent("dev.switchboard.router", REALM_COMPONENT, config.getPid()));
        return config;
    }

    /** A WebSocket listener made from a factory configuration, with its TransportListener service. */
    record Listener(Configuration config, URI uri, ServiceReference<?> service) {
        long serviceId() {
            return (Long) service.getProperty(Constants.SERVICE_ID);
        }
    }

    /** Configures a WebSocket listener on a free loopback port and waits for its TransportListener service. */
    static Listener createWebSocketListener(String name) {
        int port = freePort();
        Configuration config = createFactoryConfiguration(WEBSOCKET_FACTORY_PID,
                Map.of("name", name, "host", "127.0.0.1", "port", port, "path", "/ws"));
        ServiceReference<?> service = awaitReference(
                "(&(objectClass=" + TransportListener.class.getName() + ")" + pidFilter(config) + ")",
                () -> "; " + describeComponent("dev.switchboard.transport.websocket", WEBSOCKET_COMPONENT,
                        config.getPid()));
        String address = "ws://127.0.0.1:" + port + "/ws";
        Object addresses = service.getProperty(TransportListener.ADDRESSES_PROPERTY);
        List<Object> listed = addresses instanceof String[] a
                ? List.of((Object[]) a)
                : List.of(String.valueOf(addresses));
        assertTrue(listed.contains(address),
                () -> TransportListener.ADDRESSES_PROPERTY + " is " + listed + ", expected it to list " + address);
        return new Listener(config, URI.create(address), service);
    }

    static String pidFilter(Configuration config) {
        return "(" + Constants.SERVICE_PID + "=" + config.getPid() + ")";
    }

    /** The DS state of the component configured by the given (factory) configuration pid, if DS has one. */
    static Optional<ComponentConfigurationDTO> componentConfiguration(String bsn, String component, String pid) {
        ServiceComponentRuntime scr = scr();
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(requireBundle(bsn), component);
        if (description == null) {
            return Optional.empty();
        }
        return List.copyOf(scr.getComponentConfigurationDTOs(description)).stream()
                .filter(c -> pid.equals(c.properties.get(Constants.SERVICE_PID)))
                .findFirst();
    }

    /** How DS sees the component configured by the pid, for failure messages. */
    static String describeComponent(String bsn, String component, String pid) {
        return component + " for " + pid + ": " + componentConfiguration(bsn, component, pid)
                .map(c -> NodeStateTest.componentState(c.state) + (c.failure == null ? "" : ", failure: " + c.failure))
                .orElse("no component configuration");
    }

    /** The router's view of a realm (sessions, registrations), for failure messages. */
    static String describeRealm(String realm) {
        ServiceReference<RouterAdmin> ref = context().getServiceReference(RouterAdmin.class);
        RouterAdmin admin = ref == null ? null : context().getService(ref);
        if (admin == null) {
            return "(no RouterAdmin service to describe realm " + realm + ")";
        }
        try {
            return "realm " + realm + ": sessions " + admin.sessions(realm) + ", registrations "
                    + admin.registrations(realm);
        } finally {
            context().ungetService(ref);
        }
    }

    /** A TCP port nobody listens on right now (a tiny race with other processes is accepted). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls the condition until it holds, failing with the message after {@link #TIMEOUT}. */
    static void awaitTrue(Supplier<Boolean> condition, Supplier<String> message) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail(message.get() + " (waited " + TIMEOUT.toSeconds() + " s)");
            }
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
