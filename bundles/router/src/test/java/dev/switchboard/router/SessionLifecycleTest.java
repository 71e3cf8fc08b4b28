package dev.switchboard.router;

import static dev.switchboard.router.Harness.ALL_ROLES;
import static dev.switchboard.router.Harness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.uri.Ids;
import dev.switchboard.api.uri.WampErrors;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {
    private final Harness h = new Harness();

    @Test
    void welcomeAnnouncesRolesIdentityAndAgent() {
        FakePeer p = h.connect(null);
        p.deliver(new Hello("realm1", ALL_ROLES));
        Welcome w = p.next(Welcome.class);
        assertTrue(w.session() >= 1 && w.session() <= Ids.MAX);
        Map<String, Object> d = w.details();
        assertEquals("realm1", d.get("realm"));
        assertEquals("anonymous", d.get("authrole"));
        assertEquals("anonymous", d.get("authmethod"));
        assertTrue(((String) d.get("authid")).startsWith("anonymous-"));
        assertEquals("Switchboard/test", d.get("agent"));
        Map<?, ?> roles = (Map<?, ?>) d.get("roles");
        assertTrue(roles.containsKey("broker") && roles.containsKey("dealer"), "roles: " + roles);
        assertTrue(((Map<?, ?>) roles.get("broker")).containsKey("features"));
        assertFalse(p.closed);
    }

    @Test
    void sessionIdsDiffer() {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            FakePeer p = h.connect(null);
            p.deliver(new Hello("realm1", ALL_ROLES));
            assertTrue(ids.add(p.next(Welcome.class).session()));
        }
    }

    @Test
    void unknownRealmIsAbortedWithNoSuchRealm() {
        FakePeer p = h.connect(null);
        p.deliver(new Hello("nowhere", ALL_ROLES));
        Abort a = p.next(Abort.class);
        assertEquals(WampErrors.NO_SUCH_REALM, a.reason());
        assertTrue(p.closed);
    }

    @Test
    void helloWithoutRolesIsAProtocolViolation() {
        FakePeer p = h.connect(null);
        p.deliver(new Hello("realm1", Map.of()));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, p.next(Abort.class).reason());
        assertTrue(p.closed);
    }

    @Test
    void messageBeforeHelloIsAProtocolViolation() {
        FakePeer p = h.connect(null);
        p.deliver(new Subscribe(1, Map.of(), "com.example.topic"));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, p.next(Abort.class).reason());
        assertTrue(p.closed);
        p.deliver(new Hello("realm1", ALL_ROLES));
        p.assertNothingReceived();
    }

    @Test
    void secondHelloAbortsAndFreesTheSessionsRegistrations() {
        FakePeer callee = h.join("realm1");
        callee.deliver(new Register(1, Map.of(), "com.example.add"));
        callee.next(Registered.class);
        callee.deliver(new Hello("realm1", ALL_ROLES));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, callee.next(Abort.class).reason());
        assertTrue(callee.closed);

        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.add"));
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void routerToClientMessagesFromAClientAreProtocolViolations() {
        FakePeer p = h.join("realm1");
        p.deliver(new Welcome(5, Map.of()));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, p.next(Abort.class).reason());
        assertTrue(p.closed);
    }

    @Test
    void errorForAnythingButInvocationIsAProtocolViolation() {
        FakePeer p = h.join("realm1");
        p.deliver(new Error(Call.TYPE, 1, Map.of(), "com.example.error"));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, p.next(Abort.class).reason());
    }

    @Test
    void undecodableInputIsAbortedWithProtocolViolation() {
        FakePeer before = h.connect(null);
        before.session.protocolViolation("not JSON");
        assertEquals(WampErrors.PROTOCOL_VIOLATION, before.next(Abort.class).reason());
        assertTrue(before.closed);

        FakePeer joined = h.join("realm1");
        joined.session.protocolViolation("not JSON");
        Abort a = joined.next(Abort.class);
        assertEquals(WampErrors.PROTOCOL_VIOLATION, a.reason());
        assertEquals("not JSON", a.details().get("message"));
        assertTrue(joined.closed);
    }

    @Test
    void violationByOneSessionLeavesOthersWorking() {
        FakePeer subscriber = h.join("realm1");
        subscriber.deliver(new Subscribe(1, Map.of(), "com.example.topic"));
        subscriber.next(Subscribed.class);
        FakePeer bad = h.join("realm1");
        bad.deliver(new Hello("realm1", ALL_ROLES));
        bad.next(Abort.class);
        FakePeer publisher = h.join("realm1");
        publisher.deliver(new Publish(1, Map.of(), "com.example.topic", List.of(1), null));
        assertEquals(List.of(1), subscriber.next(Event.class).args());
    }

    @Test
    void goodbyeIsAnsweredWithGoodbyeAndOut() {
        FakePeer p = h.join("realm1");
        p.deliver(new Goodbye(Map.of(), WampErrors.CLOSE_NORMAL));
        assertEquals(WampErrors.CLOSE_GOODBYE_AND_OUT, p.next(Goodbye.class).reason());
        assertTrue(p.awaitClosed(), "the router closes the connection shortly after the GOODBYE exchange");
        p.deliver(new Subscribe(1, Map.of(), "com.example.topic"));
        p.assertNothingReceived();
    }

    @Test
    void lostConnectionFreesSubscriptionsAndRegistrations() {
        FakePeer p = h.join("realm1");
        p.deliver(new Register(1, Map.of(), "com.example.add"));
        p.next(Registered.class);
        p.session.closed();
        FakePeer other = h.join("realm1");
        other.deliver(new Register(1, Map.of(), "com.example.add"));
        other.next(Registered.class);
    }

    @Test
    void gracefulShutdownSaysGoodbyeToEverySession() {
        FakePeer answering = h.join("realm1");
        FakePeer silent = h.join("strict");
        // The answering client replies to GOODBYE as soon as it gets it.
        Thread replier = new Thread(() -> {
            while (!answering.hasReceived()) {
                Thread.onSpinWait();
            }
            answering.deliver(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        });
        replier.start();
        h.router.run();
        assertEquals(WampErrors.CLOSE_SYSTEM_SHUTDOWN, answering.next(Goodbye.class).reason());
        assertEquals(WampErrors.CLOSE_SYSTEM_SHUTDOWN, silent.next(Goodbye.class).reason());
        assertTrue(answering.awaitClosed());
        assertTrue(silent.closed, "a session that never answers is dropped after the grace period");

        FakePeer late = h.connect(null);
        late.deliver(new Hello("realm1", ALL_ROLES));
        assertEquals(WampErrors.CLOSE_SYSTEM_SHUTDOWN, late.next(Abort.class).reason());
    }

    @Test
    void removedRealmSaysGoodbyeAndRefusesNewSessions() {
        FakePeer p = h.join("realm1");
        h.router.removeRealm(h.router.realm("realm1"));
        assertEquals(WampErrors.CLOSE_REALM, p.next(Goodbye.class).reason());
        p.deliver(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        assertTrue(p.awaitClosed());
        FakePeer late = h.connect(null);
        late.deliver(new Hello("realm1", ALL_ROLES));
        assertEquals(WampErrors.NO_SUCH_REALM, late.next(Abort.class).reason());
    }

    @Test
    void aFullInboxPausesReadingUntilTheRealmCatchesUp() {
        QueuedExecutorService pool = new QueuedExecutorService();
        RouterCore router = new RouterCore();
        router.start(pool, "Switchboard/test");
        router.addRealm("realm1", false);
        FakePeer p = new FakePeer(null);
        p.session = router.connect(p);
        p.deliver(new Hello("realm1", ALL_ROLES));
        pool.runAll();
        p.next(Welcome.class);
        // The realm is busy (its turn waits in the pool): messages queue up instead of running on the caller.
        router.realm("realm1").actor().execute(() -> { });

        int accepted = 0;
        while (p.deliver(new Publish(accepted + 1, Map.of(), "com.example.t", null, null))) {
            accepted++;
            assertTrue(accepted < 1000, "the router never asked the transport to stop reading");
        }
        assertEquals(Session.INBOX_LIMIT - 1, accepted);
        assertEquals(0, p.resumed);
        pool.runAll();
        assertEquals(1, p.resumed, "reading resumes once the realm has caught up");
        assertNotEquals(null, p.session);
    }

    /** Runs tasks only when told to, to observe back-pressure. */
    static final class QueuedExecutorService extends AbstractExecutorService {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    @Test
    void invocationReachesOnlyTheCallee() {
        FakePeer callee = h.join("realm1");
        callee.deliver(new Register(1, Map.of(), "com.example.add"));
        callee.next(Registered.class);
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(7, Map.of(), "com.example.add", List.of(1, 2), null));
        assertEquals(List.of(1, 2), callee.next(Invocation.class).args());
        caller.assertNothingReceived();
    }
}
