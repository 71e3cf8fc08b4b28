package dev.switchboard.client.internal;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.Procedure;
import dev.switchboard.client.Result;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.testing.TestSupport;
import dev.switchboard.client.testing.TestSupport.RecordingListener;
import dev.switchboard.client.WampSession;
import dev.switchboard.router.TestRouter;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The join loop: retries with back-off, re-joins after losses and tells the listener in order. */
class ReconnectTest {
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(20),
            Duration.ofMillis(100), 0.2, 0);

    private final Joins joins = new Joins("test");
    private final RecordingListener listener = new RecordingListener();
    /** One fresh scripted connection per attempt; an attempt fails while {@code refusals} is positive. */
    private final BlockingQueue<ScriptedTransport> connections = new LinkedBlockingQueue<>();
    private final AtomicInteger refusals = new AtomicInteger();

    @AfterEach
    void stop() {
        joins.close(Duration.ofMillis(100));
    }

    private TransportFactory scripted() {
        return (handler, actor) -> {
            if (refusals.getAndDecrement() > 0) {
                throw new IOException("connection refused");
            }
            ScriptedTransport t = new ScriptedTransport();
            t.handler = handler;
            connections.add(t);
            return t;
        };
    }

    private static ScriptedTransport welcome(ScriptedTransport t, long sessionId) {
        t.next(Hello.class);
        t.deliver(new Welcome(sessionId, Map.of()));
        return t;
    }

    @Test
    void refusedConnectionsAreRetriedUntilTheRouterIsThere() {
        refusals.set(2);
        CompletableFuture<WampSession> join = joins.join("realm1", listener, JoinOptions.defaults(), scripted(), QUICK);

        welcome(TestSupport.poll(connections), 1);

        assertEquals(1, await(join).id());
        assertEquals("joinFailed:retry", listener.next());
        assertEquals("joinFailed:retry", listener.next());
        assertEquals("join", listener.next());
    }

    @Test
    void givesUpAfterMaxAttempts() {
        refusals.set(100);
        ReconnectPolicy twice = new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofMillis(10), 0, 2);

        CompletableFuture<WampSession> join = joins.join("realm1", listener, JoinOptions.defaults(), scripted(), twice);

        assertTrue(awaitFailure(join, IOException.class).getMessage().contains("refused"));
        assertEquals("joinFailed:retry", listener.next());
        assertEquals("joinFailed:final", listener.next());
    }

    @Test
    void lostSessionIsFollowedByANewOneAndTheListenerHearsBoth() {
        CompletableFuture<WampSession> join = joins.join("realm1", listener, JoinOptions.defaults(), scripted(), QUICK);
        ScriptedTransport first = welcome(TestSupport.poll(connections), 1);
        WampSession firstSession = await(join);
        assertEquals("join", listener.next());

        first.handler.onClosed(new IOException("router restarted"));

        assertEquals("disconnect:reconnect", listener.next());
        welcome(TestSupport.poll(connections), 2);
        assertEquals("join", listener.next());
        assertEquals(firstSession, TestSupport.poll(listener.joined));
        WampSession second = TestSupport.poll(listener.joined);
        assertEquals(2, second.id());
        assertFalse(firstSession.isOpen());
        assertTrue(second.isOpen());
    }

    @Test
    void abortOnReJoinEndsTheLoop() {
        CompletableFuture<WampSession> join = joins.join("realm1", listener, JoinOptions.defaults(), scripted(), QUICK);
        ScriptedTransport first = welcome(TestSupport.poll(connections), 1);
        await(join);
        first.handler.onClosed(null);
        ScriptedTransport second = TestSupport.poll(connections);
        second.next(Hello.class);

        second.deliver(new Abort(Map.of(), WampErrors.NO_SUCH_REALM));

        assertEquals("join", listener.next());
        assertEquals("disconnect:reconnect", listener.next());
        assertEquals("joinFailed:final", listener.next());
    }

    @Test
    void leavingDuringBackOffStopsReconnecting() throws InterruptedException {
        ReconnectPolicy slow = new ReconnectPolicy(true, Duration.ofMillis(300), Duration.ofMillis(300), 0, 0);
        CompletableFuture<WampSession> join = joins.join("realm1", listener, JoinOptions.defaults(), scripted(), slow);
        ScriptedTransport first = welcome(TestSupport.poll(connections), 1);
        WampSession session = await(join);
        first.handler.onClosed(new IOException("gone"));
        assertEquals("join", listener.next());
        assertEquals("disconnect:reconnect", listener.next());

        await(session.leave());

        assertNull(connections.poll(600, TimeUnit.MILLISECONDS), "no reconnect after leave()");
        assertEquals(0, joins.activeJoins());
    }

    @Test
    void componentReRegistersInOnJoinAfterTheRouterLostItsSession() {
        try (TestRouter router = new TestRouter("realm1")) {
            BlockingQueue<CuttableTransport> opened = new LinkedBlockingQueue<>();
            TransportFactory local = (handler, actor) -> {
                CuttableTransport t = new CuttableTransport(LocalTransport.open(router.router(), handler, actor), handler);
                opened.add(t);
                return t;
            };
            RecordingListener events = new RecordingListener();
            SessionListener component = new SessionListener() {
                @Override
                public void onJoin(WampSession session) {
                    await(session.register("com.example.ping", Procedure.sync(inv -> Result.of("pong"))));
                    events.onJoin(session);
                }

                @Override
                public void onDisconnect(WampSession session, boolean willReconnect) {
                    events.onDisconnect(session, willReconnect);
                }
            };
            WampSession first = await(joins.join("realm1", component, JoinOptions.defaults(), local, QUICK));
            WampSession caller = await(joins.join("realm1", null, JoinOptions.defaults(), local, ReconnectPolicy.NEVER));
            assertEquals("join", events.next());
            assertEquals("pong", await(caller.call("com.example.ping", null, null)).arg(0));

            TestSupport.poll(opened).cut(new IOException("simulated cable cut"));

            assertEquals("disconnect:reconnect", events.next());
            assertEquals("join", events.next());
            assertEquals(first, TestSupport.poll(events.joined));
            assertNotEquals(first.id(), TestSupport.poll(events.joined).id());
            assertEquals("pong", await(caller.call("com.example.ping", null, null)).arg(0));
        }
    }

    @Test
    void pendingCallsFailClearlyWhenTheConnectionToTheRealRouterIsCut() {
        try (TestRouter router = new TestRouter("realm1")) {
            BlockingQueue<CuttableTransport> opened = new LinkedBlockingQueue<>();
            TransportFactory local = (handler, actor) -> {
                CuttableTransport t = new CuttableTransport(LocalTransport.open(router.router(), handler, actor), handler);
                opened.add(t);
                return t;
            };
            WampSession callee = await(joins.join("realm1", null, JoinOptions.defaults(), local, ReconnectPolicy.NEVER));
            await(callee.register("com.example.hang", inv -> new CompletableFuture<>()));
            WampSession caller = await(joins.join("realm1", listener, JoinOptions.defaults(), local,
                    ReconnectPolicy.NEVER));
            TestSupport.poll(opened); // the callee's
            CuttableTransport callerConnection = TestSupport.poll(opened);
            CompletableFuture<CallResult> call = caller.call("com.example.hang", null, null);

            callerConnection.cut(new IOException("simulated cable cut"));

            SessionClosedException e = awaitFailure(call, SessionClosedException.class);
            assertTrue(e.getMessage().contains("simulated cable cut"), e.getMessage());
            assertEquals("join", listener.next());
            assertEquals("disconnect:final", listener.next());
            TestSupport.eventually("the router frees the cut session", () -> router.sessionCount("realm1") == 1);
        }
    }

    /** A local connection that the test can break as if the network failed. */
    static final class CuttableTransport implements ClientTransport {
        private final LocalTransport delegate;
        private final TransportHandler handler;

        CuttableTransport(LocalTransport delegate, TransportHandler handler) {
            this.delegate = delegate;
            this.handler = handler;
        }

        void cut(IOException cause) {
            delegate.close(); // the router notices the loss
            handler.onClosed(cause);
        }

        @Override
        public void send(dev.switchboard.api.message.Message message) {
            delegate.send(message);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    void backOffDoublesUpToTheMaximumWithinTheJitter() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofMillis(1000), 0.2, 0);
        for (int i = 0; i < 50; i++) {
            long first = policy.delay(0).toMillis();
            long third = policy.delay(2).toMillis();
            long late = policy.delay(40).toMillis();
            assertTrue(first >= 80 && first <= 120, "first delay " + first);
            assertTrue(third >= 320 && third <= 480, "third delay " + third);
            assertTrue(late >= 800 && late <= 1000, "capped delay " + late);
        }
        assertFalse(ReconnectPolicy.NEVER.allowsRetry(0));
        assertTrue(policy.allowsRetry(1000));
    }

    @Test
    void invalidPoliciesAreRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(true, Duration.ZERO, Duration.ofSeconds(1), 0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, 0));
    }
}
