package dev.switchboard.client.remote;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static dev.switchboard.client.testing.TestSupport.poll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.testing.TestSupport.RecordingListener;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.ReconnectPolicy;
import dev.switchboard.serializer.json.JsonSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RawSocket client against a tiny router that speaks the framing from the spec. */
class RawSocketClientTest {
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(20),
            Duration.ofMillis(100), 0.2, 0);

    private TinyRawSocketRouter router;
    private RawSocketConnector connector;

    @AfterEach
    void stop() throws IOException {
        if (connector != null) {
            connector.close();
        }
        if (router != null) {
            router.close();
        }
    }

    private RawSocketConnector connect(ReconnectPolicy policy) throws IOException {
        connector = new RawSocketConnector(RawSocketConnectorSettings.of("test", router.url())
                .withReconnect(policy).withConnectTimeout(Duration.ofSeconds(2)), new JsonSerializer()).start();
        return connector;
    }

    @Test
    void handshakePingAndCallOverTcp() throws IOException {
        router = TinyRawSocketRouter.tcp();
        WampSession session = await(connect(ReconnectPolicy.NEVER).join("realm1", null));

        byte[] handshake = poll(router.handshakes);
        assertArrayEquals(new byte[] {0x7F, (byte) ((11 << 4) | 1), 0, 0}, handshake, "1 MiB, JSON");
        assertEquals("realm1", ((Hello) poll(router.received)).realm());
        assertArrayEquals(TinyRawSocketRouter.PING_PAYLOAD, poll(router.pongs), "PONG echoes the PING payload");
        assertEquals(101, session.id());
        assertEquals("tiny", session.authid());

        CallResult r = await(session.call("com.example.echo", List.of("a", 1), Map.of("k", true)));
        assertEquals(List.of("a", 1), r.args());
        assertEquals(Map.of("k", true), r.kwargs());

        await(session.leave());
        assertInstanceOf(dev.switchboard.api.message.Call.class, poll(router.received));
        assertEquals(WampErrors.CLOSE_NORMAL, ((Goodbye) poll(router.received)).reason());
    }

    @Test
    void unixDomainSocket(@TempDir Path dir) throws IOException {
        router = TinyRawSocketRouter.unix(dir.resolve("router.sock"));
        WampSession session = await(connect(ReconnectPolicy.NEVER).join("realm1", null));

        assertEquals(List.of("over unix"), await(session.call("com.example.echo", List.of("over unix"), null)).args());
        assertTrue(Files.exists(dir.resolve("router.sock")));
    }

    @Test
    void refusedHandshakeFailsTheJoinWithTheReason() throws IOException {
        router = TinyRawSocketRouter.tcp();
        router.handshakeReply = 1 << 4; // error 1: serializer unsupported

        IOException e = awaitFailure(connect(ReconnectPolicy.NEVER).join("realm1", null), IOException.class);

        assertTrue(e.getMessage().contains("serializer unsupported"), e.getMessage());
    }

    @Test
    void messageLongerThanTheRoutersLimitFailsOnlyThatRequest() throws IOException {
        router = TinyRawSocketRouter.tcp();
        router.handshakeReply = (1 << 4) | 1; // the router accepts 1 KiB at most
        WampSession session = await(connect(ReconnectPolicy.NEVER).join("realm1", null));

        WampException e = awaitFailure(session.call("com.example.echo", List.of("x".repeat(2000)), null),
                WampException.class);

        assertEquals(WampErrors.PAYLOAD_SIZE_EXCEEDED, e.uri());
        assertTrue(session.isOpen());
        assertEquals(List.of("small"), await(session.call("com.example.echo", List.of("small"), null)).args());
    }

    @Test
    void reconnectsAndRejoinsAfterTheRouterDropsTheConnection() throws IOException {
        router = TinyRawSocketRouter.tcp();
        RecordingListener listener = new RecordingListener();
        WampSession first = await(connect(QUICK).join("realm1", listener));
        assertEquals("join", listener.next());

        router.dropConnections();

        assertEquals("disconnect:reconnect", listener.next());
        assertEquals("join", listener.next());
        assertEquals(first, poll(listener.joined));
        WampSession second = poll(listener.joined);
        assertEquals(first.id() + 1, second.id());
        assertEquals(List.of(2), await(second.call("com.example.echo", List.of(2), null)).args());
    }

    @Test
    void unreachableRouterFailsTheJoinWithoutReconnect() throws IOException {
        router = TinyRawSocketRouter.tcp();
        String url = router.url();
        router.close();
        connector = new RawSocketConnector(RawSocketConnectorSettings.of("test", url)
                .withReconnect(ReconnectPolicy.NEVER), new JsonSerializer()).start();

        IOException e = awaitFailure(connector.join("realm1", null), IOException.class);

        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }

    @Test
    void urlsAreParsedForTcpAndUnixSockets() {
        RawSocketAddress tcp = RawSocketAddress.parse("rawsocket://127.0.0.1:8081");
        assertEquals("127.0.0.1", tcp.host());
        assertEquals(8081, tcp.port());
        assertEquals(Path.of("/run/sb.sock"), RawSocketAddress.parse("rawsocket+unix:///run/sb.sock").unixSocket());
        assertEquals(Path.of("run/sb.sock"), RawSocketAddress.parse("rawsocket+unix:run/sb.sock").unixSocket());
        assertThrows(IllegalArgumentException.class, () -> RawSocketAddress.parse("ws://127.0.0.1:8080"));
        assertThrows(IllegalArgumentException.class, () -> RawSocketAddress.parse("rawsocket://127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> RawSocketAddress.parse("rawsocket+unix://"));
    }

    @Test
    void joinBeforeStartIsRefused() throws IOException {
        router = TinyRawSocketRouter.tcp();
        RawSocketConnector notStarted = new RawSocketConnector(RawSocketConnectorSettings.of("t", router.url()),
                new JsonSerializer());
        assertThrows(IllegalStateException.class, () -> notStarted.join("realm1", null));
    }
}
