package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Challenge;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Yield;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Faults {@link SessionFuzzTest} found in the router, one test each, named after what it guards.
 *
 * <p>Both tests below are one bug: {@code RouterCore.hello} takes a session id ({@code newSessionId()}) before
 * authenticating, and only {@code refuse()} and {@code establish()} give it back. A session that ends before it
 * joins by any other way never reaches either, and its id stays in {@code RouterCore.sessionIds} for good, so a
 * client repeating HELLO and hanging up grows that set without bound (and the id can never be handed out again).
 */
class SessionFuzzRegressionTest {
    private final Harness h = new Harness();

    SessionFuzzRegressionTest() {
        h.router.addAuthPolicy("tickets", Map.of("ticket", Map.of("principals",
                Map.of("joe", Map.of("ticket", "secret", "role", "user")))));
        h.router.addAuthPolicy("dynamic", Map.of("wampcra", Map.of("type", "dynamic",
                "authenticator", "com.example.authenticate", "authenticator-realm", "realm1")));
    }

    private FakePeer hello(String policy, String method) {
        FakePeer p = new FakePeer(null);
        p.auth = policy;
        p.session = h.router.connect(p);
        p.deliver(new Hello("realm1", Map.of("roles", Map.of("caller", Map.of()), "authmethods", List.of(method),
                "authid", "joe")));
        return p;
    }

    /** A ticket challenge is pending: HELLO took a session id for the session to come. */
    private FakePeer challenged() {
        FakePeer p = hello("tickets", "ticket");
        p.next(Challenge.class);
        assertEquals(1, FuzzWorld.sessionIdsInUse(h.router).size(), "HELLO takes a session id (none leaked before)");
        return p;
    }

    /*
     * Found by SessionFuzzTest, shrunk to: HELLO (wampcra), CHALLENGE, connection lost. The session id taken at
     * HELLO was given back only by a refused or completed authentication; now every way out before joining (a lost
     * connection, any other message, an undecodable frame, the HELLO timeout) gives it back.
     */
    @Test
    void aSessionEndingWhileChallengedReleasesItsSessionId() {
        challenged().session.closed();
        assertEquals(0, FuzzWorld.sessionIdsInUse(h.router).size(), "connection lost while challenged");

        challenged().deliver(new Register(1, Map.of(), "com.example.x"));
        assertEquals(0, FuzzWorld.sessionIdsInUse(h.router).size(), "another message while challenged");

        challenged().session.protocolViolation("undecodable frame");
        assertEquals(0, FuzzWorld.sessionIdsInUse(h.router).size(), "undecodable frame while challenged");

        h.router.helloTimeout(50);
        FakePeer slow = challenged();
        assertTrue(slow.awaitClosed(), "the HELLO timeout aborts the session");
        slow.next(Abort.class);
        assertEquals(0, FuzzWorld.sessionIdsInUse(h.router).size(), "HELLO timeout while challenged");
    }

    /*
     * Found by SessionFuzzTest (a 300-second run), shrunk to: a callee registers the dynamic authenticator; a client sends
     * HELLO (wampcra, dynamic: the authenticator is asked before the challenge), then a second HELLO (protocol
     * violation, ABORT); the authenticator answers. The answer makes a challenge, which Session.challenge() drops
     * because the session is CLOSED, and nothing gives the id back.
     */
    @Test
    void aSessionEndingWhileTheAuthenticatorIsAskedReleasesItsSessionId() {
        FakePeer authenticator = h.join("realm1");
        authenticator.deliver(new Register(1, Map.of(), "com.example.authenticate"));
        authenticator.next(Registered.class);
        int before = FuzzWorld.sessionIdsInUse(h.router).size(); // the authenticator and, soon, the admin session

        FakePeer client = hello("dynamic", "wampcra");
        Invocation ask = authenticator.next(Invocation.class);
        client.session.closed();
        authenticator.deliver(new Yield(ask.request(), Map.of(), List.of(Map.of("role", "user", "secret", "s3cret")),
                null));

        assertEquals(before + 1, FuzzWorld.sessionIdsInUse(h.router).size(),
                "only the admin session that asked the authenticator holds an id now");
    }
}
