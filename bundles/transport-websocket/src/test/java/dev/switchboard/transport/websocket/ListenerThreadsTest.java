package dev.switchboard.transport.websocket;

import static dev.switchboard.transport.websocket.TestSerializer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.transport.jetty.ListenerThreads;

/** The listener's Jetty threads (the bounded pool of {@link ListenerThreads}) and the accept queue of both sockets. */
class ListenerThreadsTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @TempDir
    Path tempDir;

    @Test
    void byDefaultTheListenerHasTheAutomaticPoolAndAnAcceptQueueOf1024() throws Exception {
        try (TestListener server = TestListener.builder().unixSocket(tempDir.resolve("ws.sock")).start()) {
            Server jetty = server.listener.jetty();
            QueuedThreadPool pool = (QueuedThreadPool) jetty.getThreadPool();
            assertEquals(ListenerThreads.automaticMaxThreads(PROCESSORS), pool.getMaxThreads());
            assertEquals("websocket-test", pool.getName());
            assertEquals(2, jetty.getConnectors().length);
            for (Connector connector : jetty.getConnectors()) {
                assertEquals(1024, acceptQueueSize(connector), connector.toString());
                assertEquals(ListenerThreads.ACCEPTORS, ((AbstractConnector) connector).getAcceptors());
            }
        }
    }

    @Test
    void theSmallestPoolServesManyClientsOnBothSockets() throws Exception {
        int minimum = ListenerThreads.minimumMaxThreads(2, PROCESSORS);
        List<RawWebSocketClient> clients = new ArrayList<>();
        try (TestListener server = TestListener.builder().unixSocket(tempDir.resolve("ws.sock"))
                .maxThreads(minimum).acceptQueueSize(700).start()) {
            Server jetty = server.listener.jetty();
            for (Connector connector : jetty.getConnectors()) {
                assertEquals(700, acceptQueueSize(connector), connector.toString());
            }
            for (int i = 0; i < 20; i++) {
                clients.add(RawWebSocketClient.connect(server.tcpAddress(), "/ws", "wamp.2.json"));
                clients.add(RawWebSocketClient.connect(server.unixAddress(), "/ws", "wamp.2.json"));
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).sendText(text("client " + i));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertEquals(text("client " + i),
                        new String(clients.get(i).readFrame().payload(), StandardCharsets.UTF_8));
            }
            QueuedThreadPool pool = (QueuedThreadPool) jetty.getThreadPool();
            assertEquals(minimum, pool.getMaxThreads());
            assertTrue(pool.getThreads() <= minimum, pool.toString());
        } finally {
            for (RawWebSocketClient client : clients) {
                client.close();
            }
        }
    }

    private static int acceptQueueSize(Connector connector) {
        return connector instanceof ServerConnector tcp ? tcp.getAcceptQueueSize()
                : ((UnixDomainServerConnector) connector).getAcceptQueueSize();
    }
}
