package dev.switchboard.client;

import dev.switchboard.client.testing.TestSupport;
import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.testing.TestSupport.RecordingListener;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Joining, leaving and losing sessions through the in-process connector against the real router core. */
class LocalLifecycleTest {
    private final TestRouter router = new TestRouter("realm1");
    private final LocalConnector connector = new LocalConnector(router.router());

    @AfterEach
    void stop() {
        connector.close();
        router.close();
    }

    @Test
    void joinGivesAnOpenSessionAndLeaveSaysGoodbye() {
        RecordingListener listener = new RecordingListener();
        WampSession session = await(connector.join("realm1", listener));

        assertTrue(session.isOpen());
        assertTrue(session.id() > 0);
        assertEquals("realm1", session.realm());
        assertEquals("trusted", session.authrole(), "in-process components are trusted");
        assertTrue(session.authid().startsWith("component-"), session.authid());
        assertTrue(session.details().containsKey("roles"), "WELCOME details: " + session.details());
        assertEquals("join", listener.next());
        assertEquals(1, router.sessionCount("realm1"));

        await(session.leave());

        assertFalse(session.isOpen());
        assertEquals("leave:" + WampErrors.CLOSE_GOODBYE_AND_OUT, listener.next());
        assertEquals("disconnect:final", listener.next());
        TestSupport.eventually("the router forgets the session", () -> router.sessionCount("realm1") == 0);
    }

    @Test
    void unknownRealmFailsTheJoinWithNoSuchRealm() {
        RecordingListener listener = new RecordingListener();
        WampException e = awaitFailure(connector.join("nowhere", listener), WampException.class);

        assertEquals(WampErrors.NO_SUCH_REALM, e.uri());
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
        assertEquals("joinFailed:final", listener.next());
    }

    @Test
    void requestsOnALeftSessionFailWithSessionClosed() {
        WampSession session = await(connector.join("realm1", null));
        await(session.leave());

        SessionClosedException e = awaitFailure(session.call("com.example.f", List.of(), null),
                SessionClosedException.class);
        assertTrue(e.getMessage().contains("not open"), e.getMessage());
        awaitFailure(session.register("com.example.g", Procedure.sync(i -> Result.empty())),
                SessionClosedException.class);
        awaitFailure(session.publish("com.example.t", null, null), SessionClosedException.class);
        await(session.leave()); // leaving twice is fine
    }

    @Test
    void killedSessionHearsTheReasonAndItsPendingCallsFail() {
        RecordingListener victimListener = new RecordingListener();
        WampSession victim = await(connector.join("realm1", victimListener));
        WampSession callee = await(connector.join("realm1", null));
        WampSession admin = await(connector.join("realm1", null));
        await(callee.register("com.example.never", inv -> new CompletableFuture<>()));
        CompletableFuture<CallResult> pending = victim.call("com.example.never", null, null);

        await(admin.call("wamp.session.kill", List.of(victim.id()), Map.of("message", "bye")));

        SessionClosedException e = awaitFailure(pending, SessionClosedException.class);
        assertEquals(WampErrors.CLOSE_KILLED, e.uri());
        assertEquals("join", victimListener.next());
        assertEquals("leave:" + WampErrors.CLOSE_KILLED, victimListener.next());
        assertEquals("disconnect:final", victimListener.next());
        assertFalse(victim.isOpen());
    }

    @Test
    void routerShutdownClosesSessionsWithSystemShutdown() {
        RecordingListener listener = new RecordingListener();
        WampSession session = await(connector.join("realm1", listener));
        assertEquals("join", listener.next());

        router.close();

        assertEquals("leave:" + WampErrors.CLOSE_SYSTEM_SHUTDOWN, listener.next());
        assertEquals("disconnect:final", listener.next());
        assertFalse(session.isOpen());
    }

    @Test
    void closingTheConnectorLeavesEverySession() {
        RecordingListener listener = new RecordingListener();
        await(connector.join("realm1", listener));
        await(connector.join("realm1", null));
        assertEquals(2, router.sessionCount("realm1"));

        connector.close();

        TestSupport.eventually("the router forgets both sessions", () -> router.sessionCount("realm1") == 0);
        assertEquals("join", listener.next());
        assertEquals("leave:" + WampErrors.CLOSE_GOODBYE_AND_OUT, listener.next());
        assertEquals("disconnect:final", listener.next());
        awaitFailure(connector.join("realm1", null), SessionClosedException.class);
    }

    @Test
    void eachJoinIsItsOwnSession() {
        WampSession a = await(connector.join("realm1", null));
        WampSession b = await(connector.join("realm1", null, JoinOptions.defaults().withAuthid("ignored-for-now")));
        assertNotEquals(a.id(), b.id());
    }
}
