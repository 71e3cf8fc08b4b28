package dev.switchboard.router;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Interrupt;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Unregister;
import dev.switchboard.api.message.Unregistered;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.Uris;
import dev.switchboard.api.uri.WampErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Remote Procedure Calls for one realm (WAMP spec, basic/rpc and the advanced dealer features it announces).
 * Confined to the realm's actor.
 */
final class Dealer {
    private static final List<String> CANCEL_MODES = List.of("skip", "kill", "killnowait");

    private final Realm realm;
    private final UriIndex<Registration> index = new UriIndex<>();
    private final Map<Long, Registration> byId = new HashMap<>();

    Dealer(Realm realm) {
        this.realm = realm;
    }

    void register(Session s, Register m) {
        Match match = Match.parse(m.options().get("match"));
        String invoke = Dicts.string(m.options(), "invoke", "single");
        if (match == null || !Registration.POLICIES.contains(invoke)) {
            s.send(new Error(Register.TYPE, m.request(), Map.of(), WampErrors.INVALID_ARGUMENT,
                    Dicts.because("unknown match policy '" + m.options().get("match") + "' or invocation policy '"
                            + invoke + "'"), null));
            return;
        }
        if (!realm.isValidUri(m.procedure(), match != Match.EXACT) || Uris.isReserved(m.procedure())) {
            s.send(new Error(Register.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                    Dicts.because("invalid procedure URI '" + m.procedure() + "'"), null));
            return;
        }
        Registration reg = index.get(m.procedure(), match);
        boolean created = reg == null;
        if (created) {
            reg = new Registration(realm.nextRouterScopeId(), m.procedure(), match, invoke);
            index.put(reg.procedure, match, reg);
            byId.put(reg.id, reg);
        } else if (reg.invoke.equals("single") || !reg.invoke.equals(invoke) || reg.hasCallee(s)) {
            s.send(new Error(Register.TYPE, m.request(), Map.of(), WampErrors.PROCEDURE_ALREADY_EXISTS,
                    Dicts.because("procedure '" + m.procedure() + "' is already registered with invocation policy '"
                            + reg.invoke + "'"), null));
            return;
        }
        reg.callees.add(new Registration.Callee(s, Dicts.bool(m.options(), "disclose_caller", false)));
        s.registrations.add(reg);
        s.send(new Registered(m.request(), reg.id));
        if (created) {
            realm.broker.publishMeta("wamp.registration.on_create", List.of(s.id(), reg.metaDetails()));
        }
        realm.broker.publishMeta("wamp.registration.on_register", List.of(s.id(), reg.id));
    }

    void unregister(Session s, Unregister m) {
        Registration reg = byId.get(m.registration());
        if (reg == null || !reg.hasCallee(s)) {
            s.send(new Error(Unregister.TYPE, m.request(), Map.of(), WampErrors.NO_SUCH_REGISTRATION,
                    Dicts.because("no registration " + m.registration() + " in this session"), null));
            return;
        }
        s.registrations.remove(reg);
        s.send(new Unregistered(m.request()));
        detach(s, reg);
    }

    void call(Session caller, Call m) {
        call(caller, m, false);
    }

    /** Routes a CALL; {@code discloseCaller} when the caller's role is configured to be disclosed. */
    void call(Session caller, Call m, boolean discloseCaller) {
        if (!realm.isValidUri(m.procedure(), false)) {
            caller.send(new Error(Call.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                    Dicts.because("invalid procedure URI '" + m.procedure() + "'"), null));
            return;
        }
        if (caller.callsMade.containsKey(m.request())) {
            realm.protocolViolation(caller, "CALL request id " + m.request() + " is already in use");
            return;
        }
        if (Uris.isReserved(m.procedure())) {
            realm.meta.call(caller, m);
            return;
        }
        Registration reg = index.best(m.procedure());
        if (reg == null) {
            caller.send(new Error(Call.TYPE, m.request(), Map.of(), WampErrors.NO_SUCH_PROCEDURE,
                    Dicts.because("no callee registered procedure '" + m.procedure() + "'"), null));
            return;
        }
        Object timeoutOption = m.options().getOrDefault("timeout", 0);
        if (!(timeoutOption instanceof Integer || timeoutOption instanceof Long) || ((Number) timeoutOption).longValue() < 0) {
            caller.send(new Error(Call.TYPE, m.request(), Map.of(), WampErrors.INVALID_ARGUMENT,
                    Dicts.because("option 'timeout' must be a non-negative integer (milliseconds)"), null));
            return;
        }
        Registration.Callee callee = reg.pick();
        Session target = callee.session();
        boolean receiveProgress = Dicts.bool(m.options(), "receive_progress", false)
                && target.supports("callee", "progressive_call_results");
        boolean disclose = discloseCaller || callee.discloseCaller() || Dicts.bool(m.options(), "disclose_me", false);
        Map<String, Object> details = Map.of(); // the usual call: exact procedure, nothing disclosed, no garbage
        if (reg.match != Match.EXACT || receiveProgress || disclose) {
            details = new LinkedHashMap<>();
            if (reg.match != Match.EXACT) {
                details.put("procedure", m.procedure());
            }
            if (receiveProgress) {
                details.put("receive_progress", true);
            }
            if (disclose) {
                details.put("caller", caller.id());
                details.put("caller_authid", caller.authid());
                details.put("caller_authrole", caller.authrole());
            }
        }
        long invocationId = target.nextInvocationId();
        Invocation invocation = new Invocation(invocationId, reg.id, details, m.args(), m.kwargs());
        if (!target.peer().canReceive(invocation)) {
            // A callee that announced a smaller maximum message length (RawSocket) must not be cut off by a caller.
            caller.send(new Error(Call.TYPE, m.request(), Map.of(), WampErrors.PAYLOAD_SIZE_EXCEEDED,
                    Dicts.because("the call is larger than the callee of '" + m.procedure() + "' accepts"), null));
            return;
        }
        PendingCall pending = new PendingCall(caller, m.request(), target, invocationId, reg, receiveProgress);
        caller.callsMade.put(m.request(), pending);
        target.invocationsReceived.put(invocationId, pending);
        long timeoutMillis = ((Number) timeoutOption).longValue();
        if (timeoutMillis > 0) {
            pending.timeout = realm.schedule(() -> timeout(pending, timeoutMillis), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        target.send(invocation);
    }

    void yield(Session callee, Yield m) {
        PendingCall pending = callee.invocationsReceived.get(m.request());
        if (pending == null) {
            realm.protocolViolation(callee, "YIELD for unknown INVOCATION request " + m.request());
            return;
        }
        if (Dicts.bool(m.options(), "progress", false)) {
            // Progressive results go to a caller that asked for them and is still waiting; others are dropped.
            if (!pending.callerDone && pending.receiveProgress && !pending.killRequested) {
                pending.caller.send(new Result(pending.callRequest, Map.of("progress", true), m.args(), m.kwargs()));
            }
            return;
        }
        callee.invocationsReceived.remove(m.request());
        pending.cancelTimeout();
        if (!pending.callerDone) {
            pending.caller.callsMade.remove(pending.callRequest);
            pending.caller.send(new Result(pending.callRequest, Map.of(), m.args(), m.kwargs()));
        }
    }

    void invocationError(Session callee, Error m) {
        PendingCall pending = callee.invocationsReceived.remove(m.request());
        if (pending == null) {
            realm.protocolViolation(callee, "ERROR for unknown INVOCATION request " + m.request());
            return;
        }
        pending.cancelTimeout();
        if (!pending.callerDone) {
            pending.caller.callsMade.remove(pending.callRequest);
            String error = pending.killRequested ? WampErrors.CANCELED : m.error();
            pending.caller.send(new Error(Call.TYPE, pending.callRequest, m.details(), error, m.args(), m.kwargs()));
        }
    }

    /** CANCEL (WAMP spec, advanced: call canceling); a CANCEL for a call that already ended is ignored. */
    void cancel(Session caller, Cancel m) {
        PendingCall pending = caller.callsMade.get(m.request());
        String mode = Dicts.string(m.options(), "mode", "killnowait");
        if (!CANCEL_MODES.contains(mode)) {
            caller.send(new Error(Cancel.TYPE, m.request(), Map.of(), WampErrors.INVALID_ARGUMENT,
                    Dicts.because("CANCEL mode must be skip, kill or killnowait, got '" + mode + "'"), null));
            return;
        }
        if (pending == null) {
            return;
        }
        if (!pending.callee.supports("callee", "call_canceling")) {
            mode = "skip"; // spec: a callee that cannot be interrupted means skip
        }
        switch (mode) {
            case "skip" -> endForCaller(pending, WampErrors.CANCELED, "the call was canceled");
            case "killnowait" -> {
                endForCaller(pending, WampErrors.CANCELED, "the call was canceled");
                pending.callee.send(new Interrupt(pending.invocationRequest, Map.of("mode", "killnowait")));
            }
            default -> {
                if (!pending.killRequested) {
                    pending.killRequested = true;
                    pending.callee.send(new Interrupt(pending.invocationRequest, Map.of("mode", "kill")));
                }
            }
        }
    }

    private void timeout(PendingCall pending, long millis) {
        if (pending.callerDone || pending.callee.invocationsReceived.get(pending.invocationRequest) != pending) {
            return;
        }
        endForCaller(pending, WampErrors.TIMEOUT, "the call timed out after " + millis + " ms");
        if (pending.callee.supports("callee", "call_canceling")) {
            pending.callee.send(new Interrupt(pending.invocationRequest,
                    Map.of("mode", "killnowait", "reason", WampErrors.TIMEOUT)));
        }
    }

    /** Gives the caller its final ERROR now; whatever the callee answers later is dropped. */
    private void endForCaller(PendingCall pending, String error, String message) {
        pending.callerDone = true;
        pending.cancelTimeout();
        pending.caller.callsMade.remove(pending.callRequest);
        pending.caller.send(new Error(Call.TYPE, pending.callRequest, Map.of(), error, Dicts.because(message), null));
    }

    void removeSession(Session s) {
        for (Registration reg : new ArrayList<>(s.registrations)) {
            detach(s, reg);
        }
        s.registrations.clear();
        // Calls to a callee that left end with an error to their callers, never a hang.
        for (PendingCall pending : s.invocationsReceived.values()) {
            if (!pending.callerDone) {
                endForCaller(pending, WampErrors.CANCELED, "the callee left before answering");
            }
        }
        s.invocationsReceived.clear();
        // Calls this session made: interrupt callees that can be interrupted; drop the answers of the others.
        for (PendingCall pending : s.callsMade.values()) {
            pending.callerDone = true;
            pending.cancelTimeout();
            if (pending.callee.supports("callee", "call_canceling")) {
                pending.callee.send(new Interrupt(pending.invocationRequest, Map.of("mode", "killnowait")));
            }
        }
        s.callsMade.clear();
    }

    private void detach(Session s, Registration reg) {
        reg.removeCallee(s);
        boolean deleted = reg.callees.isEmpty();
        if (deleted) {
            index.remove(reg.procedure, reg.match);
            byId.remove(reg.id);
        }
        realm.broker.publishMeta("wamp.registration.on_unregister", List.of(s.id(), reg.id));
        if (deleted) {
            realm.broker.publishMeta("wamp.registration.on_delete", List.of(s.id(), reg.id));
        }
    }

    // Read access for the registration meta API.

    Registration registration(long id) {
        return byId.get(id);
    }

    Registration lookup(String procedure, Match match) {
        return index.get(procedure, match);
    }

    Registration best(String procedure) {
        return index.best(procedure);
    }

    Collection<Registration> registrations() {
        return byId.values();
    }
}
