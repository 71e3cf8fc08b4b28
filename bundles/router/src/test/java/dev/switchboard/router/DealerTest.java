package dev.switchboard.router;

import static dev.switchboard.router.Harness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Unregister;
import dev.switchboard.api.message.Unregistered;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DealerTest {
    private final Harness h = new Harness();

    private static long register(FakePeer p, long request, String procedure) {
        p.deliver(new Register(request, Map.of(), procedure));
        Registered r = p.next(Registered.class);
        assertEquals(request, r.request());
        return r.registration();
    }

    @Test
    void callIsInvokedAndTheYieldComesBackAsResultWithArgsAndKwargs() {
        FakePeer callee = h.join("realm1");
        long reg = register(callee, 1, "com.example.add");
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(9, Map.of(), "com.example.add", List.of(2, 3), Map.of("round", true)));
        Invocation inv = callee.next(Invocation.class);
        assertEquals(reg, inv.registration());
        assertEquals(List.of(2, 3), inv.args());
        assertEquals(Map.of("round", true), inv.kwargs());
        callee.deliver(new Yield(inv.request(), Map.of(), List.of(5), Map.of("exact", true)));
        Result r = caller.next(Result.class);
        assertEquals(9, r.request());
        assertEquals(List.of(5), r.args());
        assertEquals(Map.of("exact", true), r.kwargs());
    }

    @Test
    void concurrentCallsAreMatchedByRequestId() {
        FakePeer callee = h.join("realm1");
        register(callee, 1, "com.example.echo");
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.echo", List.of("a"), null));
        caller.deliver(new Call(2, Map.of(), "com.example.echo", List.of("b"), null));
        Invocation first = callee.next(Invocation.class);
        Invocation second = callee.next(Invocation.class);
        assertTrue(second.request() > first.request(), "INVOCATION request ids count up per callee");
        callee.deliver(new Yield(second.request(), Map.of(), second.args(), null));
        callee.deliver(new Yield(first.request(), Map.of(), first.args(), null));
        Result r2 = caller.next(Result.class);
        assertEquals(2, r2.request());
        assertEquals(List.of("b"), r2.args());
        assertEquals(1, caller.next(Result.class).request());
    }

    @Test
    void registeringAnExistingProcedureFails() {
        register(h.join("realm1"), 1, "com.example.add");
        FakePeer other = h.join("realm1");
        other.deliver(new Register(4, Map.of(), "com.example.add"));
        assertError(other.next(Error.class), Register.TYPE, 4, WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void callingAnUnknownProcedureFails() {
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(3, Map.of(), "com.example.nothing"));
        assertError(caller.next(Error.class), Call.TYPE, 3, WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void unregisteredProceduresCannotBeCalled() {
        FakePeer callee = h.join("realm1");
        long reg = register(callee, 1, "com.example.add");
        callee.deliver(new Unregister(2, reg));
        assertEquals(2, callee.next(Unregistered.class).request());
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.add"));
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.NO_SUCH_PROCEDURE);
        callee.deliver(new Unregister(3, reg));
        assertError(callee.next(Error.class), Unregister.TYPE, 3, WampErrors.NO_SUCH_REGISTRATION);
    }

    @Test
    void aSessionCannotUnregisterAnotherSessionsRegistration() {
        long reg = register(h.join("realm1"), 1, "com.example.add");
        FakePeer other = h.join("realm1");
        other.deliver(new Unregister(1, reg));
        assertError(other.next(Error.class), Unregister.TYPE, 1, WampErrors.NO_SUCH_REGISTRATION);
    }

    @Test
    void invalidAndReservedProceduresAreInvalidUri() {
        FakePeer p = h.join("realm1");
        for (String uri : List.of("wamp.session.count", "com..add", "com.add#", "")) {
            p.deliver(new Register(1, Map.of(), uri));
            assertError(p.next(Error.class), Register.TYPE, 1, WampErrors.INVALID_URI);
        }
        p.deliver(new Call(2, Map.of(), "com..add"));
        assertError(p.next(Error.class), Call.TYPE, 2, WampErrors.INVALID_URI);
        FakePeer strict = h.join("strict");
        strict.deliver(new Register(1, Map.of(), "com.example.Add"));
        assertError(strict.next(Error.class), Register.TYPE, 1, WampErrors.INVALID_URI);
        assertFalse(p.closed);
    }

    @Test
    void calleeErrorReachesTheCallerWithUriArgsAndKwargs() {
        FakePeer callee = h.join("realm1");
        register(callee, 1, "com.example.div");
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(5, Map.of(), "com.example.div", List.of(1, 0), null));
        Invocation inv = callee.next(Invocation.class);
        callee.deliver(new Error(Invocation.TYPE, inv.request(), Map.of(), "com.example.division_by_zero",
                List.of("cannot divide by zero"), Map.of("dividend", 1)));
        Error e = caller.next(Error.class);
        assertError(e, Call.TYPE, 5, "com.example.division_by_zero");
        assertEquals(List.of("cannot divide by zero"), e.args());
        assertEquals(Map.of("dividend", 1), e.kwargs());
    }

    @Test
    void calleeThatLeavesEndsItsPendingCallsWithCanceledAndItsRegistrationsVanish() {
        FakePeer callee = h.join("realm1");
        register(callee, 1, "com.example.slow");
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        caller.deliver(new Call(2, Map.of(), "com.example.slow"));
        callee.next(Invocation.class);
        callee.session.closed();
        assertError(caller.next(Error.class), Call.TYPE, 1, WampErrors.CANCELED);
        assertError(caller.next(Error.class), Call.TYPE, 2, WampErrors.CANCELED);
        caller.deliver(new Call(3, Map.of(), "com.example.slow"));
        assertError(caller.next(Error.class), Call.TYPE, 3, WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void answerForACallerThatLeftIsDroppedWithoutBlamingTheCallee() {
        FakePeer callee = h.join("realm1");
        register(callee, 1, "com.example.slow");
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        Invocation inv = callee.next(Invocation.class);
        caller.session.closed();
        callee.deliver(new Yield(inv.request(), Map.of(), List.of("late"), null));
        callee.assertNothingReceived();
        assertFalse(callee.closed);
    }

    @Test
    void yieldForAnUnknownInvocationIsAProtocolViolation() {
        FakePeer callee = h.join("realm1");
        callee.deliver(new Yield(77, Map.of()));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, callee.next(Abort.class).reason());
        assertTrue(callee.closed);
    }

    @Test
    void reusingAPendingCallRequestIdIsAProtocolViolation() {
        FakePeer callee = h.join("realm1");
        register(callee, 1, "com.example.slow");
        FakePeer caller = h.join("realm1");
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        caller.deliver(new Call(1, Map.of(), "com.example.slow"));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, caller.next(Abort.class).reason());
    }
}
