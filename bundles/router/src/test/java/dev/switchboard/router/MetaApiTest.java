package dev.switchboard.router;

import static dev.switchboard.router.Harness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaApiTest {
    private final Harness h = new Harness();
    private long request;

    private List<Object> call(FakePeer p, String procedure, List<Object> args, Map<String, Object> kwargs) {
        p.deliver(new Call(++request, Map.of(), procedure, args, kwargs));
        Result r = p.next(Result.class);
        return r.args();
    }

    private Object call1(FakePeer p, String procedure, Object... args) {
        return call(p, procedure, List.of(args), null).get(0);
    }

    private Error callFails(FakePeer p, String procedure, List<Object> args, Map<String, Object> kwargs) {
        p.deliver(new Call(++request, Map.of(), procedure, args, kwargs));
        return p.next(Error.class);
    }

    private static long subscribe(FakePeer p, String topic) {
        p.deliver(new Subscribe(1, Map.of(), topic));
        return p.next(Subscribed.class).subscription();
    }

    @Test
    void sessionCountListAndGet() {
        FakePeer a = h.join("realm1");
        FakePeer b = h.join("realm1");
        h.join("strict");
        assertEquals(2, call1(a, "wamp.session.count"));
        assertEquals(0, call1(a, "wamp.session.count", List.of("admin")));
        List<?> ids = (List<?>) call1(a, "wamp.session.list");
        assertEquals(2, ids.size());
        assertTrue(ids.contains(h.sessionId(b)));
        Map<?, ?> details = (Map<?, ?>) call1(a, "wamp.session.get", h.sessionId(b));
        assertEquals(h.sessionId(b), details.get("session"));
        assertEquals("anonymous", details.get("authrole"));
        assertEquals("fake", ((Map<?, ?>) details.get("transport")).get("type"));
        assertError(callFails(a, "wamp.session.get", List.of(12345), null), Call.TYPE, request,
                WampErrors.NO_SUCH_SESSION);
        assertError(callFails(a, "wamp.session.get", List.of("x"), null), Call.TYPE, request,
                WampErrors.INVALID_ARGUMENT);
        assertError(callFails(a, "wamp.session.nonsense", List.of(), null), Call.TYPE, request,
                WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void joinAndLeaveAreAnnounced() {
        FakePeer watcher = h.join("realm1");
        subscribe(watcher, "wamp.session.on_join");
        subscribe(watcher, "wamp.session.on_leave");
        FakePeer other = h.join("realm1");
        Map<?, ?> joined = (Map<?, ?>) watcher.next(Event.class).args().get(0);
        assertEquals(h.sessionId(other), joined.get("session"));
        other.session.closed();
        List<Object> left = watcher.next(Event.class).args();
        assertEquals(h.sessionId(other), left.get(0));
        assertEquals("anonymous", left.get(2));
    }

    @Test
    void killSendsGoodbyeAndNobodyCanKillThemselves() {
        FakePeer killer = h.join("realm1");
        FakePeer victim = h.join("realm1");
        assertError(callFails(killer, "wamp.session.kill", List.of(h.sessionId(killer)), null), Call.TYPE, request,
                WampErrors.NO_SUCH_SESSION);
        assertError(callFails(killer, "wamp.session.kill", List.of(h.sessionId(victim)), Map.of("reason", "bad uri")),
                Call.TYPE, request, WampErrors.INVALID_URI);
        call(killer, "wamp.session.kill", List.of(h.sessionId(victim)), Map.of("message", "bye"));
        Goodbye g = victim.next(Goodbye.class);
        assertEquals(WampErrors.CLOSE_KILLED, g.reason());
        assertEquals("bye", g.details().get("message"));
        assertTrue(victim.closed);
        assertEquals(1, call1(killer, "wamp.session.count"));
    }

    @Test
    void killByAuthroleSparesTheCaller() {
        FakePeer caller = h.join("realm1");
        h.join("realm1");
        h.join("realm1");
        assertEquals(2, call(caller, "wamp.session.kill_by_authrole", List.of("anonymous"),
                Map.of("reason", "com.example.maintenance")).get(0));
        assertEquals(1, call1(caller, "wamp.session.count"));
        assertEquals(0, call1(caller, "wamp.session.kill_all"));
    }

    @Test
    void registrationMetaProceduresAndEvents() {
        FakePeer watcher = h.join("realm1");
        for (String t : List.of("on_create", "on_register", "on_unregister", "on_delete")) {
            subscribe(watcher, "wamp.registration." + t);
        }
        FakePeer callee = h.join("realm1");
        callee.deliver(new Register(1, Map.of("match", "prefix"), "com.example."));
        long reg = callee.next(Registered.class).registration();
        Map<?, ?> created = (Map<?, ?>) watcher.next(Event.class).args().get(1);
        assertEquals("prefix", created.get("match"));
        assertEquals(List.of(h.sessionId(callee), reg), watcher.next(Event.class).args());

        assertEquals(List.of(reg), ((Map<?, ?>) call1(watcher, "wamp.registration.list")).get("prefix"));
        assertEquals(reg, call(watcher, "wamp.registration.lookup", List.of("com.example.", Map.of("match", "prefix")), null).get(0));
        assertNull(call1(watcher, "wamp.registration.lookup", "com.example."));
        assertEquals(reg, call1(watcher, "wamp.registration.match", "com.example.add"));
        assertNull(call1(watcher, "wamp.registration.match", "org.example.add"));
        assertEquals("com.example.", ((Map<?, ?>) call1(watcher, "wamp.registration.get", reg)).get("uri"));
        assertEquals(List.of(h.sessionId(callee)), call1(watcher, "wamp.registration.list_callees", reg));
        assertEquals(1, call1(watcher, "wamp.registration.count_callees", reg));
        assertError(callFails(watcher, "wamp.registration.get", List.of(999), null), Call.TYPE, request,
                WampErrors.NO_SUCH_REGISTRATION);

        callee.session.closed();
        assertEquals(List.of(h.sessionId(callee), reg), watcher.next(Event.class).args());
        assertEquals(List.of(h.sessionId(callee), reg), watcher.next(Event.class).args());
    }

    @Test
    void subscriptionMetaProceduresAndEvents() {
        FakePeer watcher = h.join("realm1");
        for (String t : List.of("on_create", "on_subscribe", "on_unsubscribe", "on_delete")) {
            subscribe(watcher, "wamp.subscription." + t);
        }
        FakePeer sub = h.join("realm1");
        long id = subscribe(sub, "com.example.t");
        assertEquals("com.example.t", ((Map<?, ?>) watcher.next(Event.class).args().get(1)).get("uri"));
        assertEquals(List.of(h.sessionId(sub), id), watcher.next(Event.class).args());
        assertEquals(List.of(id), ((Map<?, ?>) call1(watcher, "wamp.subscription.list")).get("exact"));
        assertEquals(id, call1(watcher, "wamp.subscription.lookup", "com.example.t"));
        assertEquals(List.of(id), call1(watcher, "wamp.subscription.match", "com.example.t"));
        assertNull(call1(watcher, "wamp.subscription.match", "com.example.none"));
        assertEquals(List.of(h.sessionId(sub)), call1(watcher, "wamp.subscription.list_subscribers", id));
        assertEquals(1, call1(watcher, "wamp.subscription.count_subscribers", id));
        assertEquals("exact", ((Map<?, ?>) call1(watcher, "wamp.subscription.get", id)).get("match"));
        sub.deliver(new Unsubscribe(2, id));
        sub.next(Unsubscribed.class);
        assertEquals(List.of(h.sessionId(sub), id), watcher.next(Event.class).args());
        assertEquals(List.of(h.sessionId(sub), id), watcher.next(Event.class).args());
        assertError(callFails(watcher, "wamp.subscription.get", List.of(id), null), Call.TYPE, request,
                WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    @Test
    void testamentsArePublishedWhenTheSessionGoesAndCanBeFlushed() {
        FakePeer listener = h.join("realm1");
        subscribe(listener, "com.example.gone");
        FakePeer dying = h.join("realm1");
        call(dying, "wamp.session.add_testament", List.of("com.example.gone", List.of("destroyed")), null);
        call(dying, "wamp.session.add_testament", List.of("com.example.gone", List.of("detached")),
                Map.of("scope", "detached"));
        dying.session.closed();
        assertEquals(List.of("detached"), listener.next(Event.class).args(), "detached testaments come first");
        assertEquals(List.of("destroyed"), listener.next(Event.class).args());

        FakePeer flushing = h.join("realm1");
        call(flushing, "wamp.session.add_testament", List.of("com.example.gone", List.of("x")), null);
        call(flushing, "wamp.session.flush_testaments", List.of(), null);
        flushing.session.closed();
        listener.assertNothingReceived();
        assertError(callFails(listener, "wamp.session.add_testament",
                List.of("wamp.reserved"), null), Call.TYPE, request, WampErrors.INVALID_URI);
    }

    @Test
    void clientsCannotRegisterMetaProcedures() {
        FakePeer p = h.join("realm1");
        p.deliver(new Register(1, Map.of(), "wamp.session.count"));
        assertError(p.next(Error.class), Register.TYPE, 1, WampErrors.INVALID_URI);
    }
}
