package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.transport.websocket.FakeRouter.FakeSession;
import dev.switchboard.transport.websocket.RawWebSocketClient.RawFrame;

class LifecycleTest {

    @TempDir
    Path tempDir;

    @Test
    void portAlreadyTakenFailsStartWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TestListener.Builder builder = TestListener.builder().port(taken.getLocalPort());

            IllegalStateException e = assertThrows(IllegalStateException.class, builder::start);

            assertEquals("WebSocket listener 'test' cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": address already in use", e.getMessage());
        }
    }

    @Test
    void listenerServesTcpAndUnixSocketAndListsBoth() throws Exception {
        Path socket = tempDir.resolve("run/ws.sock"); // parent directory created on start
        try (TestListener server = TestListener.builder().unixSocket(socket).start()) {
            assertEquals(List.of("ws://127.0.0.1:" + server.listener.tcpPort() + "/ws", "ws+unix:" + socket),
                    server.listener.addresses());
            assertEquals("websocket", server.listener.transport());
            assertTrue(Files.exists(socket));
        }
        assertFalse(Files.exists(socket), "socket file left behind at stop");
    }

    @Test
    void unixSocketOnlyListener() throws Exception {
        Path socket = tempDir.resolve("only.sock");
        try (TestListener server = TestListener.builder().port(0).unixSocket(socket).start();
             RawWebSocketClient client = RawWebSocketClient.connect(server.unixAddress(), "/ws", "wamp.2.json")) {
            assertEquals(101, client.status);
            assertEquals(List.of("ws+unix:" + socket), server.listener.addresses());
        }
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path socket = tempDir.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        } // closing the channel leaves the file behind, as a killed process would
        assertTrue(Files.exists(socket));

        try (TestListener server = TestListener.builder().unixSocket(socket).start();
             RawWebSocketClient client = RawWebSocketClient.connect(server.unixAddress(), "/ws", "wamp.2.json")) {
            assertEquals(101, client.status);
        }
    }

    @Test
    void socketSomebodyListensOnIsNotTakenOver() throws Exception {
        Path socket = tempDir.resolve("live.sock");
        try (TestListener first = TestListener.builder().port(0).unixSocket(socket).start()) {
            TestListener.Builder second = TestListener.builder().port(0).unixSocket(socket);

            IllegalStateException e = assertThrows(IllegalStateException.class, second::start);

            assertEquals("WebSocket listener 'test' cannot listen on unix:" + socket + ": address already in use",
                    e.getMessage());
            try (RawWebSocketClient client = RawWebSocketClient.connect(first.unixAddress(), "/ws", "wamp.2.json")) {
                assertEquals(101, client.status, "the first listener lost its socket");
            }
        }
    }

    @Test
    void stopSaysGoingAwayToEveryConnectionAndTellsTheRouterOnce() throws Exception {
        TestListener server = TestListener.builder().unixSocket(tempDir.resolve("ws.sock")).start();
        try (RawWebSocketClient tcp = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json");
             RawWebSocketClient unix = RawWebSocketClient.connect(server.unixAddress(), "/ws", "wamp.2.json")) {
            FakeSession one = server.router.nextSession();
            FakeSession two = server.router.nextSession();

            Thread stopper = new Thread(server::stop);
            stopper.start();

            assertEquals(1001, tcp.awaitCloseCode());
            assertEquals(1001, unix.awaitCloseCode());
            assertTrue(tcp.awaitEndOfStream(Duration.ofSeconds(5)));
            assertTrue(unix.awaitEndOfStream(Duration.ofSeconds(5)));
            stopper.join(5000);
            assertFalse(stopper.isAlive(), "stop did not return");
            assertEquals(1, one.closedCalls.get());
            assertEquals(1, two.closedCalls.get());
            assertEquals(0, server.listener.connectionCount());
        }
    }

    @Test
    void idleConnectionIsClosedAndTheRouterTold() throws Exception {
        try (TestListener server = TestListener.builder().idleTimeout(Duration.ofMillis(300)).start();
             RawWebSocketClient idle = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json")) {
            FakeSession session = server.router.nextSession();

            session.awaitClosed();

            assertEquals(1, session.closedCalls.get());
            assertTrue(idle.awaitEndOfStream(Duration.ofSeconds(5)));
        }
    }

    @Test
    void autoPingSendsPings() throws Exception {
        try (TestListener server = TestListener.builder().autoPingInterval(Duration.ofMillis(100)).start();
             RawWebSocketClient client = RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json")) {
            RawFrame first = client.readFrame();
            RawFrame second = client.readFrame();

            assertEquals(RawWebSocketClient.PING, first.opcode());
            assertEquals(RawWebSocketClient.PING, second.opcode());
        }
    }
}
