package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.switchboard.api.router.TransportListener;
import dev.switchboard.tls.testing.TestPki;

/** The DS component without a framework: configuration checks, binding, the TransportListener service. */
class RawSocketTransportComponentTest {

    private final AtomicReference<Dictionary<String, ?>> registeredProperties = new AtomicReference<>();
    private final AtomicReference<Object> registeredService = new AtomicReference<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    @TempDir
    Path tempDir;

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
    void tlsListenerRegistersItsTlsAddressAndServesTls() throws Exception {
        TestPki pki = TestPki.copyTo(tempDir);
        int port = TestListeners.freePort();
        RawSocketTransport transport = newTransport();
        transport.activate(bundleContext(), config(Map.of("port", port, "tlsCertificate",
                pki.path(TestPki.SERVER_EC_CERTIFICATE), "tlsKey", pki.path(TestPki.SERVER_EC_KEY_SEC1))), Map.of());
        try {
            assertArrayEquals(new String[] {"rawsocket+tls://127.0.0.1:" + port},
                    (String[]) registeredProperties.get().get(TransportListener.ADDRESSES_PROPERTY));
            try (TlsRawSocketClient client = TlsRawSocketClient.connected(port, pki.clientContext())) {
                client.sendMessage("1|via.tls.component");
                assertEquals("1|via.tls.component", client.readMessage());
            }
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void missingKeyFileFailsActivationNamingPropertyAndPathAndBindsNothing() {
        TestPki pki = TestPki.copyTo(tempDir);
        int port = TestListeners.freePort();
        RawSocketTransport transport = newTransport();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> transport.activate(
                bundleContext(), config(Map.of("port", port, "name", "rs-tls", "tlsCertificate",
                        pki.path(TestPki.SERVER_CERTIFICATE), "tlsKey", "run/key.pem")), Map.of()));

        assertEquals("RawSocket listener 'rs-tls': tlsKey 'run/key.pem' cannot be read: NoSuchFileException",
                failure.getMessage());
        assertNull(registeredService.get(), "no TransportListener service for a listener that failed");
        assertThrows(IOException.class, () -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port)).close());
    }

    @Test
    void keyOfAnotherCertificateFailsActivation() {
        TestPki pki = TestPki.copyTo(tempDir);
        RawSocketTransport transport = newTransport();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> transport.activate(
                bundleContext(), config(Map.of("port", TestListeners.freePort(), "tlsCertificate",
                        pki.path(TestPki.SERVER_CERTIFICATE), "tlsKey", pki.path(TestPki.OTHER_KEY))), Map.of()));

        assertEquals("RawSocket listener 'rawsocket': tlsKey '" + pki.path(TestPki.OTHER_KEY) + "' does not match the "
                + "first certificate in tlsCertificate '" + pki.path(TestPki.SERVER_CERTIFICATE) + "' (CN=localhost)",
                failure.getMessage());
        assertNull(registeredService.get());
    }

    @Test
    void wrongKeyStorePasswordFailsActivationWithoutShowingIt() {
        TestPki pki = TestPki.copyTo(tempDir);
        RawSocketTransport transport = newTransport();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> transport.activate(
                bundleContext(), config(Map.of("port", TestListeners.freePort(), "tlsKeyStore",
                        pki.path(TestPki.SERVER_KEY_STORE), "tlsKeyStorePassword", "hunter2")), Map.of()));

        assertEquals("RawSocket listener 'rawsocket': tlsKeyStore '" + pki.path(TestPki.SERVER_KEY_STORE)
                + "' cannot be opened with tlsKeyStorePassword: wrong password", failure.getMessage());
        assertNull(registeredService.get());
    }

    @Test
    void invalidTlsConfigurationNamesTheProperty() {
        assertInvalid(Map.of("tlsKey", "run/key.pem"), "'tlsCertificate' must be set together with 'tlsKey'");
        assertInvalid(Map.of("tlsKeyStorePassword", "hunter2"), "'tlsKeyStorePassword' is set but 'tlsKeyStore' is "
                + "empty (was: a password)");
        assertInvalid(Map.of("tlsKeyStore", "run/node.p12", "tlsClientAuth", "need"), "'tlsClientCa' must name the CA "
                + "certificates");
        assertInvalid(Map.of("tlsKeyStore", "run/node.p12", "port", 0, "unixSocket", "run/rs.sock"),
                "'port' is 0 but TLS is configured");
    }

    @Test
    void tlsPropertiesReachTheSettingsAndThePasswordStaysOutOfToString() {
        RawSocketSettings settings = RawSocketSettings.from(config(Map.of("tlsKeyStore", "run/node.p12",
                "tlsKeyStorePassword", "hunter2", "tlsClientCa", "run/clients.pem", "tlsClientAuth", "want")));

        assertTrue(settings.hasTls());
        assertEquals("run/node.p12", settings.tls().keyStore());
        assertEquals("want", settings.tls().clientAuth().toString());
        assertTrue(!settings.toString().contains("hunter2"), settings.toString());
        assertTrue(!RawSocketSettings.from(config(Map.of())).hasTls(), "no TLS by default");
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
