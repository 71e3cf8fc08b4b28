package dev.switchboard.router;

import static dev.switchboard.router.Harness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Interrupt;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.WampErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdvancedRpcTest {
    private final Harness h = new Harness();

    private static long register(FakePeer p, long request, String procedure, Map<String, Object> options) {
        p.deliver(new Register(request, options, procedure));
        return p.next(Registered.class).registration();
    }

    @Test
    void progressiveResultsReachACallerThatAskedAndTheCallStaysOpenUntilTheFinalYield() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.count", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of("receive_progress", true), "com.example.count"));
        Invocation inv = callee.next(Invocation.class);
        assertEquals(true, inv.details().get("receive_progress"));
        callee.deliver(new Yield(inv.request(), Map.of("progress", true), List.of(1), null));
        callee.deliver(new Yield(inv.request(), Map.of("progress", true), List.of(2), null));
        callee.deliver(new Yield(inv.request(), Map.of(), List.of(3), null));
        Result r1 = caller.next(Result.class);
        assertEquals(true, r1.details().get("progress"));
        assertEquals(List.of(1), r1.args());
        assertEquals(List.of(2), caller.next(Result.class).args());
        Result last = caller.next(Result.class);
        assertNull(last.details().get("progress"));
        assertEquals(List.of(3), last.args());
    }

    @Test
    void progressiveResultsAreNotSentToACallerThatDidNotAsk() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.count", Map.of());
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.count"));
        Invocation inv = callee.next(Invocation.class);
        assertNull(inv.details().get("receive_progress"));
        callee.deliver(new Yield(inv.request(), Map.of("progress", true), List.of(1), null));
        caller.assertNothingReceived();
        callee.deliver(new Yield(inv.request(), Map.of(), List.of(9), null));
        assertEquals(List.of(9), caller.next(Result.class).args());
    }

    @Test
    void calleeLeavingDuringAProgressiveCallEndsItWithCanceled() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.stream", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(4, Map.of("receive_progress", true), "com.example.stream"));
        Invocation inv = callee.next(Invocation.class);
        callee.deliver(new Yield(inv.request(), Map.of("progress", true), List.of("chunk"), null));
        caller.next(Result.class);
        callee.session.closed();
        assertError(caller.next(Error.class), Call.TYPE, 4, WampErrors.CANCELED);
    }

    @Test
    void cancelSkipAnswersTheCallerAtOnceAndDropsTheLateResult() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.slow", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        Invocation inv = callee.next(Invocation.class);
        caller.deliver(new Cancel(1, Map.of("mode", "skip")));
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.CANCELED);
        callee.assertNothingReceived();
        callee.deliver(new Yield(inv.request(), Map.of()));
        caller.assertNothingReceived();
        assertFalse(callee.closed, "a late answer to a canceled call is not a protocol violation");
    }

    @Test
    void cancelKillNoWaitInterruptsTheCalleeAndAnswersTheCallerAtOnce() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.slow", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        Invocation inv = callee.next(Invocation.class);
        caller.deliver(new Cancel(1, Map.of("mode", "killnowait")));
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.CANCELED);
        Interrupt i = callee.next(Interrupt.class);
        assertEquals(inv.request(), i.request());
        assertEquals("killnowait", i.options().get("mode"));
        callee.deliver(new Error(Invocation.TYPE, inv.request(), Map.of(), WampErrors.CANCELED));
        caller.assertNothingReceived();
    }

    @Test
    void cancelKillWaitsForTheCalleeAndTheCallerGetsExactlyOneCanceled() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.slow", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        Invocation inv = callee.next(Invocation.class);
        caller.deliver(new Cancel(1, Map.of("mode", "kill")));
        caller.deliver(new Cancel(1, Map.of("mode", "kill")));
        assertEquals("kill", callee.next(Interrupt.class).options().get("mode"));
        callee.assertNothingReceived();
        caller.assertNothingReceived();
        callee.deliver(new Error(Invocation.TYPE, inv.request(), Map.of(), "com.example.interrupted"));
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.CANCELED);
        caller.assertNothingReceived();
    }

    @Test
    void cancelOfACalleeWithoutCancelSupportIsSkip() {
        FakePeer callee = h.join("realm1");
        register(callee, 1, "com.example.slow", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        callee.next(Invocation.class);
        caller.deliver(new Cancel(1, Map.of("mode", "kill")));
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.CANCELED);
        callee.assertNothingReceived();
    }

    @Test
    void cancelAfterTheResultIsIgnoredAndABadModeIsAnError() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.fast", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.fast"));
        callee.deliver(new Yield(callee.next(Invocation.class).request(), Map.of()));
        caller.next(Result.class);
        caller.deliver(new Cancel(1, Map.of("mode", "skip")));
        caller.assertNothingReceived();
        callee.assertNothingReceived();
        caller.deliver(new Cancel(1, Map.of("mode", "explode")));
        assertError(caller.next(Error.class), Cancel.TYPE, 1, WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void callTimeoutEndsTheCallWithTimeoutAndInterruptsTheCallee() throws InterruptedException {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.slow", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of("timeout", 30), "com.example.slow"));
        Invocation inv = callee.next(Invocation.class);
        Message answer = awaitMessage(caller);
        assertError((Error) answer, Call.TYPE, 1, WampErrors.TIMEOUT);
        Interrupt i = (Interrupt) awaitMessage(callee);
        assertEquals(inv.request(), i.request());
        callee.deliver(new Yield(inv.request(), Map.of()));
        caller.assertNothingReceived();
    }

    @Test
    void aCallAnsweredInTimeIsNotTimedOut() throws InterruptedException {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.fast", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of("timeout", 50), "com.example.fast"));
        callee.deliver(new Yield(callee.next(Invocation.class).request(), Map.of()));
        caller.next(Result.class);
        Thread.sleep(150);
        caller.assertNothingReceived();
        callee.assertNothingReceived();
        caller.deliver(new Call(2, Map.of("timeout", "soon"), "com.example.fast"));
        assertError(caller.next(Error.class), Call.TYPE, 2, WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void callerIdentificationWhenTheCallerOrTheCalleeAsks() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.who", Map.of());
        register(callee, 2, "com.example.always", Map.of("disclose_caller", true));
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.who"));
        assertNull(callee.next(Invocation.class).details().get("caller"));
        caller.deliver(new Call(2, Map.of("disclose_me", true), "com.example.who"));
        Invocation disclosed = callee.next(Invocation.class);
        assertEquals(h.sessionId(caller), disclosed.details().get("caller"));
        assertEquals("anonymous", disclosed.details().get("caller_authrole"));
        assertTrue(((String) disclosed.details().get("caller_authid")).startsWith("anonymous-"));
        caller.deliver(new Call(3, Map.of(), "com.example.always"));
        assertEquals(h.sessionId(caller), callee.next(Invocation.class).details().get("caller"));
    }

    @Test
    void patternRegistrationsRouteByPrecedenceAndTellTheProcedure() {
        FakePeer exact = h.joinAdvanced("realm1");
        FakePeer prefix = h.joinAdvanced("realm1");
        FakePeer wildcard = h.joinAdvanced("realm1");
        long exactReg = register(exact, 1, "com.app.user.get", Map.of());
        long prefixReg = register(prefix, 1, "com.app.user.", Map.of("match", "prefix"));
        long wildcardReg = register(wildcard, 1, "com.app..get", Map.of("match", "wildcard"));
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.app.user.get"));
        Invocation e = exact.next(Invocation.class);
        assertEquals(exactReg, e.registration());
        assertNull(e.details().get("procedure"));
        caller.deliver(new Call(2, Map.of(), "com.app.user.delete"));
        Invocation p = prefix.next(Invocation.class);
        assertEquals(prefixReg, p.registration());
        assertEquals("com.app.user.delete", p.details().get("procedure"));
        caller.deliver(new Call(3, Map.of(), "com.app.order.get"));
        Invocation w = wildcard.next(Invocation.class);
        assertEquals(wildcardReg, w.registration());
        assertEquals("com.app.order.get", w.details().get("procedure"));
    }

    @Test
    void sharedRegistrationsFollowTheirPolicy() {
        FakePeer a = h.joinAdvanced("realm1");
        FakePeer b = h.joinAdvanced("realm1");
        FakePeer c = h.joinAdvanced("realm1");
        long reg = register(a, 1, "com.example.rr", Map.of("invoke", "roundrobin"));
        assertEquals(reg, register(b, 1, "com.example.rr", Map.of("invoke", "roundrobin")));
        c.deliver(new Register(1, Map.of("invoke", "random"), "com.example.rr"));
        assertError(c.next(Error.class), Register.TYPE, 1, WampErrors.PROCEDURE_ALREADY_EXISTS);
        a.deliver(new Register(2, Map.of("invoke", "roundrobin"), "com.example.rr"));
        assertError(a.next(Error.class), Register.TYPE, 2, WampErrors.PROCEDURE_ALREADY_EXISTS);

        FakePeer caller = h.joinAdvanced("realm1");
        for (int i = 1; i <= 4; i++) {
            caller.deliver(new Call(i, Map.of(), "com.example.rr"));
        }
        assertEquals(2, a.received.size());
        assertEquals(2, b.received.size());
        a.received.clear();
        b.received.clear();

        register(a, 3, "com.example.first", Map.of("invoke", "first"));
        register(b, 3, "com.example.first", Map.of("invoke", "first"));
        register(a, 4, "com.example.last", Map.of("invoke", "last"));
        register(b, 4, "com.example.last", Map.of("invoke", "last"));
        a.received.clear();
        b.received.clear();
        caller.deliver(new Call(10, Map.of(), "com.example.first"));
        caller.deliver(new Call(11, Map.of(), "com.example.last"));
        assertEquals(1, a.received.size(), "'first' goes to the first callee");
        assertEquals(1, b.received.size(), "'last' goes to the last callee");
        a.received.clear();
        b.received.clear();

        register(a, 5, "com.example.single", Map.of());
        b.deliver(new Register(5, Map.of(), "com.example.single"));
        assertError(b.next(Error.class), Register.TYPE, 5, WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void randomPolicyReachesEveryCalleeEventually() {
        Set<FakePeer> reached = new HashSet<>();
        FakePeer a = h.joinAdvanced("realm1");
        FakePeer b = h.joinAdvanced("realm1");
        register(a, 1, "com.example.random", Map.of("invoke", "random"));
        register(b, 1, "com.example.random", Map.of("invoke", "random"));
        FakePeer caller = h.joinAdvanced("realm1");
        for (int i = 1; i <= 200 && reached.size() < 2; i++) {
            caller.deliver(new Call(i, Map.of(), "com.example.random"));
            if (a.hasReceived()) {
                reached.add(a);
            }
            if (b.hasReceived()) {
                reached.add(b);
            }
        }
        assertEquals(2, reached.size());
    }

    @Test
    void sharedCalleeLeavingMidCallErrorsThatCallAndTheOthersKeepServing() {
        FakePeer a = h.joinAdvanced("realm1");
        FakePeer b = h.joinAdvanced("realm1");
        register(a, 1, "com.example.rr", Map.of("invoke", "roundrobin"));
        register(b, 1, "com.example.rr", Map.of("invoke", "roundrobin"));
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.rr"));
        a.next(Invocation.class);
        a.session.closed();
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.CANCELED);
        caller.deliver(new Call(2, Map.of(), "com.example.rr"));
        b.deliver(new Yield(b.next(Invocation.class).request(), Map.of(), List.of("ok"), null));
        assertEquals(List.of("ok"), caller.next(Result.class).args());
    }

    @Test
    void callerLeavingInterruptsACalleeThatSupportsCanceling() {
        FakePeer callee = h.joinAdvanced("realm1");
        register(callee, 1, "com.example.slow", Map.of());
        FakePeer caller = h.joinAdvanced("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        Invocation inv = callee.next(Invocation.class);
        caller.session.closed();
        assertEquals(inv.request(), callee.next(Interrupt.class).request());
    }

    private static Message awaitMessage(FakePeer peer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!peer.hasReceived()) {
            assertTrue(System.currentTimeMillis() < deadline, "nothing arrived within 5 s");
            Thread.sleep(5);
        }
        synchronized (peer) {
            return peer.received.poll();
        }
    }
}
