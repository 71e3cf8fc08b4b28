package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.switchboard.api.router.TransportListener;
import dev.switchboard.tls.testing.TestPki;

/** The DS component without a framework: a recording BundleContext stands in for OSGi. */
class WebSocketTransportTest {

    private static final String PID = "dev.switchboard.transport.websocket~tcp";

    @TempDir
    Path tempDir;

    private final RecordingContext context = new RecordingContext();
    private final WebSocketTransport transport = new WebSocketTransport();

    @Test
    void registersTransportListenerWithAddressesPidAndNameOnceListening() throws Exception {
        TestConfig config = new TestConfig();
        config.name = "public";
        config.port = TestListener.freePort();
        transport.router = new FakeRouter();
        transport.serializers = List.of(TestSerializer.json());

        transport.activate(context.proxy(), config, Map.of("service.pid", PID, "name", "public"));
        try {
            assertTrue(context.service instanceof TransportListener);
            assertArrayEquals(new String[] {"ws://127.0.0.1:" + config.port + "/ws"},
                    (String[]) context.properties.get(TransportListener.ADDRESSES_PROPERTY));
            assertEquals(PID, context.properties.get("service.pid"));
            assertEquals("public", context.properties.get("name"));
            try (RawWebSocketClient client = RawWebSocketClient.connect(
                    new java.net.InetSocketAddress("127.0.0.1", config.port), "/ws", "wamp.2.json")) {
                assertEquals(101, client.status);
            }
        } finally {
            transport.deactivate();
        }

        assertTrue(context.unregistered.get());
        assertThrows(IOException.class, () -> RawWebSocketClient.connect(
                new java.net.InetSocketAddress("127.0.0.1", config.port), "/ws", "wamp.2.json"));
    }

    @Test
    void invalidConfigurationFailsActivationAndRegistersNothing() {
        TestConfig config = new TestConfig();
        config.port = -1;
        transport.router = new FakeRouter();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> transport.activate(context.proxy(), config, Map.of("service.pid", PID)));

        assertTrue(e.getMessage().contains("'port'"), e.getMessage());
        assertNull(context.service);
    }

    @Test
    void tlsListenerRegistersItsWssAddress() throws Exception {
        TestPki pki = TestPki.copyTo(tempDir);
        TestConfig config = new TestConfig();
        config.port = TestListener.freePort();
        config.tlsKeyStore = pki.path(TestPki.SERVER_KEY_STORE);
        config.tlsKeyStorePassword = TestPki.PASSWORD;
        transport.router = new FakeRouter();
        transport.serializers = List.of(TestSerializer.json());

        transport.activate(context.proxy(), config, Map.of("service.pid", PID));
        try {
            assertArrayEquals(new String[] {"wss://127.0.0.1:" + config.port + "/ws"},
                    (String[]) context.properties.get(TransportListener.ADDRESSES_PROPERTY));
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void webDirectoryAndWebPathFromTheConfigurationServeFilesBesideTheWebSocket() throws Exception {
        java.nio.file.Files.writeString(tempDir.resolve("index.html"), "<p>hello</p>");
        TestConfig config = new TestConfig();
        config.port = TestListener.freePort();
        config.webDirectory = tempDir.toString();
        config.webPath = "/app";
        transport.router = new FakeRouter();
        transport.serializers = List.of(TestSerializer.json());

        transport.activate(context.proxy(), config, Map.of("service.pid", PID));
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", config.port);
            assertEquals("<p>hello</p>", RawHttp.get(address, "/app/").text());
            try (RawWebSocketClient client = RawWebSocketClient.connect(address, "/ws", "wamp.2.json")) {
                assertEquals(101, client.status);
            }
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void missingKeyFileFailsActivationNamingPropertyAndPathAndBindsNothing() {
        TestPki pki = TestPki.copyTo(tempDir);
        TestConfig config = new TestConfig();
        config.port = TestListener.freePort();
        config.tlsCertificate = pki.path(TestPki.SERVER_CERTIFICATE);
        config.tlsKey = "run/key.pem"; // relative: to the working directory, where there is none
        transport.router = new FakeRouter();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> transport.activate(context.proxy(), config, Map.of("service.pid", PID)));

        assertEquals("WebSocket listener 'websocket': tlsKey 'run/key.pem' cannot be read: NoSuchFileException",
                e.getMessage());
        assertNull(context.service);
        assertThrows(IOException.class, () -> RawWebSocketClient.connect(
                new InetSocketAddress("127.0.0.1", config.port), "/ws", "wamp.2.json"));
    }

    @Test
    void wrongKeyStorePasswordFailsActivationWithoutShowingIt() {
        TestPki pki = TestPki.copyTo(tempDir);
        TestConfig config = new TestConfig();
        config.port = TestListener.freePort();
        config.tlsKeyStore = pki.path(TestPki.SERVER_KEY_STORE);
        config.tlsKeyStorePassword = "not-the-password";
        transport.router = new FakeRouter();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> transport.activate(context.proxy(), config, Map.of("service.pid", PID)));

        assertEquals("WebSocket listener 'websocket': tlsKeyStore '" + pki.path(TestPki.SERVER_KEY_STORE)
                + "' cannot be opened with tlsKeyStorePassword: wrong password", e.getMessage());
        assertNull(context.service);
    }

    @Test
    void inconsistentTlsConfigurationFailsActivationNamingTheProperty() {
        TestConfig config = new TestConfig();
        config.tlsCertificate = "run/cert.pem";
        transport.router = new FakeRouter();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> transport.activate(context.proxy(), config, Map.of("service.pid", PID)));

        assertEquals("WebSocket transport property 'tlsKey' must be set together with 'tlsCertificate' (was: '')",
                e.getMessage());
        assertNull(context.service);
    }

    /** Records the one registerService call the component makes. */
    private static final class RecordingContext {
        Object service;
        Dictionary<String, ?> properties;
        final AtomicBoolean unregistered = new AtomicBoolean();

        BundleContext proxy() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (self, method, args) -> {
                        if (!method.getName().equals("registerService")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        service = args[1];
                        properties = (Dictionary<String, ?>) args[2];
                        return registration();
                    });
        }

        private ServiceRegistration<?> registration() {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (self, method, args) -> {
                        if (!method.getName().equals("unregister")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        unregistered.set(true);
                        return null;
                    });
        }
    }
}
