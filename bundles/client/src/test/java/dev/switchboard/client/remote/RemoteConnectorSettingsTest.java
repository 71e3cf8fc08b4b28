package dev.switchboard.client.remote;

import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.client.internal.ReconnectPolicy;
import dev.switchboard.serializer.json.JsonSerializer;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory configuration of the remote connector, as DS would hand it to the component. */
class RemoteConnectorSettingsTest {

    private static RemoteConnectorConfig config(Map<String, Object> overrides) {
        return (RemoteConnectorConfig) Proxy.newProxyInstance(RemoteConnectorConfig.class.getClassLoader(),
                new Class<?>[] {RemoteConnectorConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> RemoteConnectorConfig.class;
                    case "toString" -> "RemoteConnectorConfig" + overrides;
                    case "hashCode" -> overrides.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    @Test
    void defaultsConnectToTheLocalRawSocketPortWithJson() {
        RawSocketConnectorSettings s = RawSocketConnectorSettings.from(config(Map.of()));

        assertEquals("remote", s.name());
        assertEquals("127.0.0.1", s.address().host());
        assertEquals(8081, s.address().port());
        assertEquals("json", s.serializer());
        assertEquals(1 << 20, s.maxMessageSize());
        assertEquals(new ReconnectPolicy(true, Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, 0), s.reconnect());
    }

    @Test
    void unixSocketUrlSerializerAndReconnectAreRead() {
        RawSocketConnectorSettings s = RawSocketConnectorSettings.from(config(Map.of("name", "edge",
                "url", "rawsocket+unix:///run/sb.sock", "serializer", "cbor", "maxMessageSize", 100_000,
                "reconnect", false)));

        assertEquals(Path.of("/run/sb.sock"), s.address().unixSocket());
        assertEquals("cbor", s.serializer());
        assertEquals(65536, s.maxMessageSize(), "rounded down to what the handshake can announce");
        assertTrue(!s.reconnect().allowsRetry(0));
    }

    @Test
    void invalidValuesAreRejectedNamingTheProperty() {
        IllegalArgumentException transport = assertThrows(IllegalArgumentException.class,
                () -> RawSocketConnectorSettings.from(config(Map.of("transport", "websocket"))));
        assertTrue(transport.getMessage().contains("transport"), transport.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RawSocketConnectorSettings.from(config(Map.of("url", "http://example.org"))));
        assertThrows(IllegalArgumentException.class,
                () -> RawSocketConnectorSettings.from(config(Map.of("maxMessageSize", 100))));
        assertThrows(IllegalArgumentException.class,
                () -> RawSocketConnectorSettings.from(config(Map.of("reconnectJitter", 2.0))));
        assertThrows(IllegalArgumentException.class,
                () -> RawSocketConnectorSettings.from(config(Map.of("name", " "))));
    }

    @Test
    void aMissingSerializerFailsTheAttemptSayingWhatIsAvailable() {
        RawSocketConnector connector = new RawSocketConnector(RawSocketConnectorSettings.of("t",
                "rawsocket://127.0.0.1:1").withSerializer("msgpack").withReconnect(ReconnectPolicy.NEVER),
                () -> List.<Serializer>of(new JsonSerializer())).start();
        try {
            IOException e = awaitFailure(connector.join("realm1", null), IOException.class);
            assertTrue(e.getMessage().contains("no serializer named 'msgpack'"), e.getMessage());
            assertTrue(e.getMessage().contains("json"), e.getMessage());
        } finally {
            connector.close();
        }
    }
}
