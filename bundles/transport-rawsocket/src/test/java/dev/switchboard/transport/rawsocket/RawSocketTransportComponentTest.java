package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.switchboard.api.router.TransportListener;

/** The DS component without a framework: configuration checks, binding, the TransportListener service. */
class RawSocketTransportComponentTest {

    private final AtomicReference<Dictionary<String, ?>> registeredProperties = new AtomicReference<>();
    private final AtomicReference<Object> registeredService = new AtomicReference<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    @Test
    void activationBindsAndRegistersTheListenerServiceWithItsAddresses() throws Exception {
        int port = TestListeners.freePort();
        RawSocketTransport transport = newTransport();
        transport.activate(bundleContext(), config(Map.of("port", port, "name", "rs1")),
                Map.of("service.pid", "dev.switchboard.transport.rawsocket~rs1"));
        try {
            Dictionary<String, ?> properties = registeredProperties.get();
            assertArrayEquals(new String[] {"rawsocket://127.0.0.1:" + port},
                    (String[]) properties.get(TransportListener.ADDRESSES_PROPERTY));
            assertEquals("rs1", properties.get("name"));
            assertEquals("dev.switchboard.transport.rawsocket~rs1", properties.get("service.pid"));
            TransportListener listener = (TransportListener) registeredService.get();
            assertEquals("rawsocket", listener.transport());
            try (RawSocketTestClient client = RawSocketTestClient.connected(port)) {
                client.sendMessage("1|via.component");
                assertEquals("1|via.component", client.readMessage());
            }
        } finally {
            transport.deactivate();
        }
        assertEquals(1, unregistered.get());
        assertNull(transport.listener());
    }

    @Test
    void takenPortFailsActivationWithAClearMessage() throws Exception {
        try (ServerSocketChannel squatter = ServerSocketChannel.open()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
            RawSocketTransport transport = newTransport();
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> transport.activate(bundleContext(), config(Map.of("port", port)), Map.of()));
            assertEquals("RawSocket listener 'rawsocket' cannot listen on 127.0.0.1:" + port + ": address already in use",
                    failure.getMessage());
            assertNull(registeredService.get(), "no TransportListener service for a listener that failed");
        }
    }

    @Test
    void invalidConfigurationNamesTheProperty() {
        assertInvalid(Map.of("maxMessageSize", 100), "'maxMessageSize' must be between 512 and 16777216");
        assertInvalid(Map.of("maxMessageSize", 1 << 25), "'maxMessageSize' must be between 512 and 16777216");
        assertInvalid(Map.of("port", 70000), "'port' must be between 0");
        assertInvalid(Map.of("port", 0), "'port' is 0 and 'unixSocket' is empty");
        assertInvalid(Map.of("maxConnections", 0), "'maxConnections' must be positive");
        assertInvalid(Map.of("maxPendingBytes", 0L), "'maxPendingBytes' must be positive");
        assertInvalid(Map.of("handshakeTimeoutSeconds", 0), "'handshakeTimeoutSeconds' must be positive");
        assertInvalid(Map.of("idleTimeoutSeconds", -1), "'idleTimeoutSeconds' must not be negative");
        assertInvalid(Map.of("pingIntervalSeconds", -1), "'pingIntervalSeconds' must not be negative");
        assertInvalid(Map.of("name", " "), "'name' must not be empty");
    }

    @Test
    void maxMessageSizeIsRoundedDownToWhatTheHandshakeCanAnnounce() {
        RawSocketSettings settings = RawSocketSettings.from(config(Map.of("maxMessageSize", 1_000_000)));
        assertEquals(1 << 19, settings.maxMessageSize());
        assertEquals(10, settings.maxMessageExponent());
        assertEquals(1 << 20, RawSocketSettings.from(config(Map.of())).maxMessageSize(), "default 1 MiB");
    }

    private void assertInvalid(Map<String, Object> overrides, String expected) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> newTransport().activate(bundleContext(), config(overrides), Map.of()));
        assertTrue(failure.getMessage().startsWith("RawSocket transport property " + expected), failure.getMessage());
    }

    private static RawSocketTransport newTransport() {
        RawSocketTransport transport = new RawSocketTransport();
        transport.router = new FakeRouter();
        transport.serializers = List.of(new TextTestSerializer());
        return transport;
    }

    /** The configuration annotation as DS would hand it over: defaults unless overridden. */
    static RawSocketTransportConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        return (RawSocketTransportConfig) Proxy.newProxyInstance(RawSocketTransportConfig.class.getClassLoader(),
                new Class<?>[] {RawSocketTransportConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return RawSocketTransportConfig.class;
                    }
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }

    /** Records the one service registration the component makes. */
    @SuppressWarnings("unchecked")
    private BundleContext bundleContext() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistered.incrementAndGet();
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService")) {
                        registeredService.set(args[1]);
                        registeredProperties.set((Dictionary<String, ?>) args[2]);
                        return registration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
