package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.uri.WampErrors;

/** Outbound limits: the client's max length, the pending-bytes budget, encode-once, idle timeout. */
class LimitsIntegrationTest {

    private static final Duration TIMEOUT = RawSocketTestClient.TIMEOUT;

    private final FakeRouter router = new FakeRouter();
    private final TestListeners.Settings settings = new TestListeners.Settings();
    private RawSocketListener listener;

    @AfterEach
    void stop() throws InterruptedException {
        if (listener != null) {
            listener.stop();
            assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, Duration.ofSeconds(5)));
        }
        router.assertContractKept();
        for (FakeRouter.Session session : router.sessions) {
            assertEquals(1, session.closedCalls.get(), "closed() exactly once");
        }
    }

    /** CALL answers with a RESULT, PUBLISH with an EVENT, anything else with an INVOCATION; arg of N bytes. */
    private static boolean replyWithPayloadOfRequestedSize(FakeRouter.Session session, Message message) {
        String size;
        Message reply;
        if (message instanceof Call call) {
            size = "x".repeat(Integer.parseInt(call.procedure()));
            reply = new Result(call.request(), Map.of(), List.of(size), null);
        } else if (message instanceof Publish publish) {
            size = "x".repeat(Integer.parseInt(publish.topic()));
            reply = new Event(7, publish.request(), Map.of(), List.of(size), null);
        } else {
            reply = new Invocation(1, 2, Map.of(), List.of("x".repeat(2000)), null);
        }
        session.peer.send(reply);
        return true;
    }

    @Test
    void nothingLongerThanTheClientAcceptsIsEverSent() throws Exception {
        router.reaction = LimitsIntegrationTest::replyWithPayloadOfRequestedSize;
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.handshake(0, 1); // accepts 512 bytes at most
            client.read(4);
            // RESULT too long: the caller gets ERROR payload_size_exceeded instead of waiting forever
            client.sendMessage("48|1|1000");
            assertEquals("8|48|1|" + WampErrors.PAYLOAD_SIZE_EXCEEDED, client.readMessage());
            // RESULT that fits, exactly at the limit: "50|2|" + 507 bytes = 512
            client.sendMessage("48|2|507");
            assertEquals(512, client.readMessage().length());
            // EVENT too long: dropped, the next one still arrives
            client.sendMessage("16|3|600");
            client.sendMessage("16|4|10");
            assertEquals("36|7|4|" + "x".repeat(10), client.readMessage());
            // INVOCATION too long: nothing can stand in for it; the connection is closed
            client.sendMessage("1|anything");
            assertEquals(0, client.awaitClosed(TIMEOUT), "the oversize INVOCATION is never sent");
        }
        assertTrue(router.sessions.get(0).awaitClosed(TIMEOUT));
    }

    @Test
    void slowConsumerIsClosedInsteadOfBufferedWithoutBound() throws Exception {
        settings.maxPendingBytes = 64 * 1024;
        Event big = new Event(1, 1, Map.of(), List.of("e".repeat(32 * 1024)), null);
        router.reaction = (session, message) -> {
            for (int i = 0; i < 4000 && listener.connectionCount() > 0; i++) { // at most 128 MiB, stops when closed
                session.peer.send(big);
            }
            return true;
        };
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.tcp(settings.port)) {
            client.handshake(15, 1);
            client.read(4);
            client.sendMessage("1|flood"); // and never read again
            FakeRouter.Session session = router.awaitSession(0, TIMEOUT);
            assertTrue(session.awaitClosed(TIMEOUT), "closed as a slow consumer");
            assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, TIMEOUT));
        }
    }

    @Test
    void oneEventFannedOutToManyPeersIsEncodedOnce() throws Exception {
        TextTestSerializer serializer = new TextTestSerializer();
        listener = TestListeners.start(settings, router, List.of(serializer));
        RawSocketTestClient[] clients = new RawSocketTestClient[5];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = RawSocketTestClient.connected(settings.port);
                router.awaitSession(i, TIMEOUT);
            }
            Event event = new Event(1, 2, Map.of(), List.of("shared"), null);
            int before = serializer.encodes.get();
            router.sessions.forEach(session -> session.peer.send(event));
            for (RawSocketTestClient client : clients) {
                assertEquals("36|1|2|shared", client.readMessage());
            }
            assertEquals(before + 1, serializer.encodes.get());
        } finally {
            for (RawSocketTestClient client : clients) {
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        settings.idleTimeout = Duration.ofMillis(300);
        listener = TestListeners.start(settings, router);
        try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
            client.sendMessage("1|then.silence");
            assertEquals("1|then.silence", client.readMessage());
            long start = System.nanoTime();
            client.awaitClosed(TIMEOUT);
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
        }
        assertTrue(router.sessions.get(0).awaitClosed(TIMEOUT));
    }

    @Test
    void clientResetWhileTheRouterSendsTellsTheRouterOnce() throws Exception {
        Event event = new Event(1, 1, Map.of(), List.of("r".repeat(1000)), null);
        router.reaction = (session, message) -> {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 20_000 && session.closed.getCount() > 0; i++) {
                    // Like the router, respect the outbound budget: sends queue, the connection's thread writes.
                    while (session.peer.pendingOutboundBytes() > settings.maxPendingBytes / 2
                            && session.closed.getCount() > 0) {
                        Thread.onSpinWait();
                    }
                    session.peer.send(event);
                }
            });
            sender.start();
            return true;
        };
        listener = TestListeners.start(settings, router);
        for (int round = 0; round < 20; round++) {
            RawSocketTestClient client = RawSocketTestClient.connected(settings.port);
            client.sendMessage("1|go");
            client.readFrame();
            client.abort();
        }
        for (FakeRouter.Session session : router.sessions) {
            assertTrue(session.awaitClosed(TIMEOUT));
        }
    }
}
