package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import dev.switchboard.transport.jetty.ListenerThreads;

class ListenerSettingsTest {

    @Test
    void annotationDefaultsAreValid() {
        ListenerSettings settings = ListenerSettings.from(new TestConfig());

        assertEquals("websocket", settings.name());
        assertEquals(8080, settings.port());
        assertTrue(settings.hasTcpListener());
        assertFalse(settings.hasUnixListener());
        assertEquals(Duration.ofSeconds(300), settings.idleTimeout());
        assertEquals(Duration.ZERO, settings.autoPingInterval());
        assertFalse(settings.hasTls());
        assertEquals(10000, settings.maxConnections());
        assertEquals(1024, settings.acceptQueueSize());
        assertEquals(ListenerThreads.automaticMaxThreads(Runtime.getRuntime().availableProcessors()),
                settings.maxThreads());
    }

    @Test
    void acceptQueueSizeIsBetweenOneAnd65535AsCrossbarsBacklog() {
        assertEquals(1, settingsWith(c -> c.acceptQueueSize = 1).acceptQueueSize());
        assertEquals(65535, settingsWith(c -> c.acceptQueueSize = 65535).acceptQueueSize());
        assertRejected("WebSocket transport property 'acceptQueueSize' must be between 1 and 65535 (was: 0)",
                c -> c.acceptQueueSize = 0);
        assertRejected("'acceptQueueSize' must be between 1 and 65535 (was: 65536)", c -> c.acceptQueueSize = 65536);
    }

    @Test
    void maxThreadsIsAutomaticOrAtLeastWhatJettyNeedsForTheListenersSockets() {
        int processors = Runtime.getRuntime().availableProcessors();
        int forTcp = ListenerThreads.minimumMaxThreads(1, processors);
        int forBoth = ListenerThreads.minimumMaxThreads(2, processors);

        assertEquals(forTcp, settingsWith(c -> c.maxThreads = forTcp).maxThreads());
        assertEquals(500, settingsWith(c -> c.maxThreads = 500).maxThreads());
        assertRejected("WebSocket transport property 'maxThreads' must be 0 (automatic) or at least " + forTcp
                + " here", c -> c.maxThreads = forTcp - 1);
        assertRejected("'maxThreads' must be 0 (automatic) or at least " + forBoth + " here", c -> {
            c.unixSocket = "run/ws.sock";
            c.maxThreads = forBoth - 1;
        });
        assertRejected("'maxThreads'", c -> c.maxThreads = -1);
        assertEquals(forBoth, settingsWith(c -> {
            c.unixSocket = "run/ws.sock";
            c.maxThreads = forBoth;
        }).threads().maxThreads());
    }

    @Test
    void noWebDirectoryByDefaultAndTheWebPathIsTheRoot() {
        ListenerSettings settings = ListenerSettings.from(new TestConfig());

        assertFalse(settings.hasWebDirectory());
        assertEquals("/", settings.webPath());
    }

    @Test
    void aRelativeWebDirectoryResolvesAgainstTheWorkingDirectory() {
        ListenerSettings settings = settingsWith(c -> c.webDirectory = " web ");

        assertTrue(settings.hasWebDirectory());
        assertEquals(java.nio.file.Path.of("").toAbsolutePath().resolve("web"), settings.webDirectoryPath());
    }

    @Test
    void theWebPathLosesItsTrailingSlash() {
        assertEquals("/static", settingsWith(c -> c.webPath = "/static/").webPath());
        assertEquals("/a/b", settingsWith(c -> c.webPath = "/a/b").webPath());
        assertEquals("/", settingsWith(c -> c.webPath = " ").webPath());
        assertEquals("/", settingsWith(c -> c.webPath = "/").webPath());
    }

    @Test
    void anUnclearWebPathIsRejectedNamingTheProperty() {
        for (String path : new String[] {"static", "/a//b", "/a/../b", "/./a", "/a/..", "/a?b", "/a#b", "/a;b",
                "/%2e", "/a b", "/*", "//", "/a\\b"}) {
            assertRejected("WebSocket transport property 'webPath' must be a plain URL path", c -> c.webPath = path);
        }
    }

    @Test
    void tlsPropertiesReachTheSettings() {
        ListenerSettings settings = settingsWith(c -> {
            c.tlsCertificate = "run/cert.pem";
            c.tlsKey = "run/key.pem";
            c.tlsClientCa = "run/clients.pem";
            c.tlsClientAuth = "need";
        });

        assertTrue(settings.hasTls());
        assertEquals("run/cert.pem", settings.tls().certificate());
        assertEquals("run/clients.pem", settings.tls().clientCa());
        assertEquals("need", settings.tls().clientAuth().toString());
    }

    @Test
    void tlsWithoutTcpListenerIsRejectedRatherThanIgnored() {
        assertRejected("'port' is 0 but TLS is configured", c -> {
            c.port = 0;
            c.unixSocket = "run/ws.sock";
            c.tlsKeyStore = "run/node.p12";
        });
    }

    @Test
    void inconsistentTlsPropertiesAreRejectedNamingTheProperty() {
        assertRejected("WebSocket transport property 'tlsCertificate'", c -> c.tlsKey = "run/key.pem");
        assertRejected("WebSocket transport property 'tlsClientAuth'", c -> {
            c.tlsKeyStore = "run/node.p12";
            c.tlsClientAuth = "sometimes";
        });
    }

    @Test
    void toStringDoesNotShowTheKeyStorePassword() {
        ListenerSettings settings = settingsWith(c -> {
            c.tlsKeyStore = "run/node.p12";
            c.tlsKeyStorePassword = "hunter2";
        });

        assertFalse(settings.toString().contains("hunter2"), settings.toString());
    }

    @Test
    void portZeroWithUnixSocketMeansNoTcpListener() {
        ListenerSettings settings = settingsWith(c -> {
            c.port = 0;
            c.unixSocket = "run/ws.sock";
        });

        assertFalse(settings.hasTcpListener());
        assertTrue(settings.hasUnixListener());
    }

    @Test
    void negativePortIsRejectedNamingTheProperty() {
        assertRejected("'port'", c -> c.port = -1);
    }

    @Test
    void portAbove65535IsRejected() {
        assertRejected("'port'", c -> c.port = 65536);
    }

    @Test
    void nothingToListenOnIsRejected() {
        assertRejected("nothing to listen on", c -> c.port = 0);
    }

    @Test
    void pathMustStartWithSlash() {
        assertRejected("'path'", c -> c.path = "ws");
    }

    @Test
    void emptyNameAndHostAreRejected() {
        assertRejected("'name'", c -> c.name = " ");
        assertRejected("'host'", c -> c.host = "");
    }

    @Test
    void nonPositiveSizesAreRejected() {
        assertRejected("'maxMessageSize'", c -> c.maxMessageSize = 0);
        assertRejected("'maxPendingBytes'", c -> c.maxPendingBytes = -5);
        assertRejected("'maxConnections'", c -> c.maxConnections = 0);
    }

    @Test
    void negativeTimesAreRejected() {
        assertRejected("'idleTimeoutSeconds'", c -> c.idleTimeoutSeconds = -1);
        assertRejected("'autoPingIntervalSeconds'", c -> c.autoPingIntervalSeconds = -1);
    }

    private static ListenerSettings settingsWith(Consumer<TestConfig> change) {
        TestConfig config = new TestConfig();
        change.accept(config);
        return ListenerSettings.from(config);
    }

    private static void assertRejected(String expectedInMessage, Consumer<TestConfig> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settingsWith(change));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
