package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

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
