package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.admin.AdminCallException;
import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RouterAdminTest {
    private final Harness h = new Harness();

    @Test
    void realmsAndSessionsAreListedWithTheirCounters() {
        FakePeer callee = h.join("realm1");
        callee.deliver(new Register(1, Map.of(), "com.example.add"));
        callee.next(Registered.class);
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.nothing"));
        caller.next(Error.class);

        RealmInfo realm1 = h.router.realms().stream().filter(r -> r.name().equals("realm1")).findFirst().orElseThrow();
        assertEquals(2, realm1.sessions());
        assertEquals(1, realm1.registrations());
        assertEquals(1L, realm1.errorsByUri().get(WampErrors.NO_SUCH_PROCEDURE));
        assertEquals(1L, realm1.messagesInByType().get("CALL"));
        assertEquals(List.of("realm1", "strict"), h.router.realms().stream().map(RealmInfo::name).toList());

        List<SessionInfo> sessions = h.router.sessions("realm1");
        assertEquals(2, sessions.size());
        SessionInfo calleeInfo = h.router.session(h.sessionId(callee)).orElseThrow();
        assertEquals("fake", calleeInfo.transport());
        assertEquals(1, calleeInfo.registrations().size());
        assertTrue(calleeInfo.messagesOut() >= 2, "WELCOME and REGISTERED");
        assertEquals(1, h.router.registrations("realm1").size());
        assertThrows(IllegalArgumentException.class, () -> h.router.sessions("nowhere"));
    }

    @Test
    void killClosesTheSessionWithGoodbye() {
        FakePeer victim = h.join("realm1");
        assertTrue(h.router.kill(h.sessionId(victim), null, "maintenance"));
        Goodbye g = victim.next(Goodbye.class);
        assertEquals(WampErrors.CLOSE_KILLED, g.reason());
        assertTrue(victim.closed);
        assertFalse(h.router.kill(h.sessionId(victim), null, null));
    }

    @Test
    void adminCallsAndPublishesLikeAClient() throws Exception {
        FakePeer callee = h.join("realm1");
        callee.deliver(new Register(1, Map.of(), "com.example.echo"));
        callee.next(Registered.class);
        FakePeer subscriber = h.join("realm1");
        subscriber.deliver(new Subscribe(1, Map.of(), "com.example.news"));
        subscriber.next(Subscribed.class);

        CompletableFuture<?> result = h.router.call("realm1", "com.example.echo", List.of("hi"), null);
        Invocation inv = callee.next(Invocation.class);
        callee.deliver(new Yield(inv.request(), Map.of(), inv.args(), null));
        assertEquals(List.of("hi"), ((dev.switchboard.api.admin.CallOutcome) result.get()).args());

        long publication = h.router.publish("realm1", "com.example.news", List.of(1), null).get();
        assertEquals(publication, subscriber.next(Event.class).publication());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> h.router.call("realm1", "com.example.none", List.of(), null).get());
        assertEquals(WampErrors.NO_SUCH_PROCEDURE, ((AdminCallException) e.getCause()).uri());
        assertEquals(3, h.router.call("realm1", "wamp.session.count", null, null).get().args().get(0),
                "the admin session is a session of the realm");
    }
}
