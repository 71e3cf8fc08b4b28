package dev.switchboard.router;

import static dev.switchboard.router.Harness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
    private final Harness h = new Harness();

    private FakePeer join(String realm, String policy, Map<String, Object> extra) {
        FakePeer p = new FakePeer(null);
        p.auth = policy;
        p.session = h.router.connect(p);
        Map<String, Object> d = new java.util.HashMap<>(Harness.ALL_ROLES);
        d.putAll(extra);
        p.deliver(new Hello(realm, d));
        return p;
    }

    @Test
    void staticPermissionsAllowAndDenyAndDenialsChangeNothing() {
        h.router.addRealm("secure", false, List.of(), Json.list("""
                [{"name": "anonymous", "permissions": [
                   {"uri": "com.public.", "match": "prefix",
                    "allow": {"call": true, "register": true, "publish": true, "subscribe": true},
                    "disclose": {"caller": true}},
                   {"uri": "com.public.readonly", "match": "exact", "allow": {"subscribe": true}}
                ]}]""", "roles"));
        FakePeer p = join("secure", null, Map.of());
        p.next(Welcome.class);
        p.deliver(new Register(1, Map.of(), "com.public.add"));
        p.next(Registered.class);
        p.deliver(new Register(2, Map.of(), "com.private.add"));
        assertError(p.next(Error.class), Register.TYPE, 2, WampErrors.NOT_AUTHORIZED);
        p.deliver(new Subscribe(3, Map.of(), "com.public.readonly"));
        p.next(Subscribed.class);
        p.deliver(new Publish(4, Map.of("acknowledge", true), "com.public.readonly"));
        assertError(p.next(Error.class), Publish.TYPE, 4, WampErrors.NOT_AUTHORIZED);
        p.deliver(new Publish(5, Map.of(), "com.private.x"));
        p.assertNothingReceived();
        p.deliver(new Call(6, Map.of(), "wamp.session.count"));
        assertError(p.next(Error.class), Call.TYPE, 6, WampErrors.NOT_AUTHORIZED);

        FakePeer caller = join("secure", null, Map.of());
        caller.next(Welcome.class);
        caller.deliver(new Call(1, Map.of(), "com.public.add"));
        Invocation inv = p.next(Invocation.class);
        assertEquals(h.sessionId(caller), inv.details().get("caller"), "the role discloses callers");
        p.deliver(new Yield(inv.request(), Map.of()));
    }

    @Test
    void aRoleTheRealmDoesNotKnowCannotJoin() {
        h.router.addRealm("secure", false, List.of(), List.of(Map.of("name", "user", "permissions", List.of())));
        FakePeer p = join("secure", null, Map.of());
        assertEquals(WampErrors.NO_SUCH_ROLE, p.next(Abort.class).reason());
    }

    @Test
    void dynamicAuthorizerDecidesAndIsAskedOncePerSessionActionAndUri() {
        h.router.addRealm("dyn2", false, List.of(), List.of(
                Map.of("name", "anonymous", "authorizer", "com.example.authorize"),
                Map.of("name", "trusted", "permissions", List.of(Map.of("uri", "", "match", "prefix",
                        "allow", Map.of("register", true, "call", true))))));
        h.router.addAuthPolicy("trust", Map.of("anonymous", Map.of("role", "trusted")));
        FakePeer trusted = join("dyn2", "trust", Map.of());
        trusted.next(Welcome.class);
        trusted.deliver(new Register(1, Map.of(), "com.example.authorize"));
        trusted.next(Registered.class);

        FakePeer client = join("dyn2", null, Map.of());
        client.next(Welcome.class);
        client.deliver(new Publish(1, Map.of("acknowledge", true), "com.example.news"));
        Invocation ask = trusted.next(Invocation.class);
        assertEquals(List.of("com.example.news", "publish"), ask.args().subList(1, 3));
        trusted.deliver(new Yield(ask.request(), Map.of(), List.of(true), null));
        client.next(Published.class);
        client.deliver(new Publish(2, Map.of("acknowledge", true), "com.example.news"));
        client.next(Published.class);
        trusted.assertNothingReceived();

        client.deliver(new Subscribe(3, Map.of(), "com.example.secret"));
        Invocation ask2 = trusted.next(Invocation.class);
        trusted.deliver(new Yield(ask2.request(), Map.of(), List.of(false), null));
        assertError(client.next(Error.class), Subscribe.TYPE, 3, WampErrors.NOT_AUTHORIZED);
        client.deliver(new Publish(4, Map.of(), "com.example.news"));
        client.assertNothingReceived();
        client.deliver(new Subscribe(5, Map.of(), "com.example.news"));
        trusted.deliver(new Yield(trusted.next(Invocation.class).request(), Map.of(), List.of(true), null));
        client.next(Subscribed.class);
        FakePeer other = join("dyn2", null, Map.of());
        other.next(Welcome.class);
        other.deliver(new Publish(1, Map.of(), "com.example.news"));
        trusted.deliver(new Yield(trusted.next(Invocation.class).request(), Map.of(), List.of(true), null));
        client.next(Event.class);
    }

    @Test
    void inProcessComponentsAreTrustedAndJoinWithTheRoleTheyAskFor() {
        h.router.addRealm("secure", false, List.of(), List.of(Map.of("name", "backend", "permissions", List.of())));
        FakePeer trusted = new FakePeer(null);
        trusted.transport = "local";
        trusted.session = h.router.connect(trusted);
        trusted.deliver(new Hello("secure", Harness.ALL_ROLES));
        Welcome w = trusted.next(Welcome.class);
        assertEquals("trusted", w.details().get("authrole"));
        trusted.deliver(new Register(1, Map.of(), "com.secure.anything"));
        trusted.next(Registered.class);

        FakePeer backend = new FakePeer(null);
        backend.transport = "local";
        backend.session = h.router.connect(backend);
        Map<String, Object> hello = new java.util.HashMap<>(Harness.ALL_ROLES);
        hello.put("authrole", "backend");
        hello.put("authid", "db-connector");
        backend.deliver(new Hello("secure", hello));
        Welcome bw = backend.next(Welcome.class);
        assertEquals("backend", bw.details().get("authrole"));
        assertEquals("db-connector", bw.details().get("authid"));
        backend.deliver(new Register(1, Map.of(), "com.secure.other"));
        assertError(backend.next(Error.class), Register.TYPE, 1, WampErrors.NOT_AUTHORIZED);
    }
}
