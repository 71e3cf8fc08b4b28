package dev.switchboard.router;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
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
import java.util.HashMap;
import java.util.Map;

/** Remote Procedure Calls for one realm (WAMP spec, basic/rpc). Confined to the realm's actor. */
final class Dealer {
    private final Realm realm;
    private final Map<String, Registration> exact = new HashMap<>();
    private final Map<Long, Registration> byId = new HashMap<>();

    Dealer(Realm realm) {
        this.realm = realm;
    }

    void register(Session s, Register m) {
        String match = Dicts.string(m.options(), "match", "exact");
        String invoke = Dicts.string(m.options(), "invoke", "single");
        if (!"exact".equals(match) || !"single".equals(invoke)) {
            s.send(new Error(Register.TYPE, m.request(), Map.of(), WampErrors.INVALID_ARGUMENT,
                    Dicts.because("match '" + match + "' with invoke '" + invoke + "' is not supported"), null));
            return;
        }
        if (!realm.isValidUri(m.procedure(), false) || Uris.isReserved(m.procedure())) {
            s.send(new Error(Register.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                    Dicts.because("invalid procedure URI '" + m.procedure() + "'"), null));
            return;
        }
        if (exact.containsKey(m.procedure())) {
            s.send(new Error(Register.TYPE, m.request(), Map.of(), WampErrors.PROCEDURE_ALREADY_EXISTS,
                    Dicts.because("procedure '" + m.procedure() + "' is already registered"), null));
            return;
        }
        Registration reg = new Registration(realm.nextRouterScopeId(), m.procedure(), match, s);
        exact.put(reg.procedure, reg);
        byId.put(reg.id, reg);
        s.registrations.add(reg);
        s.send(new Registered(m.request(), reg.id));
    }

    void unregister(Session s, Unregister m) {
        Registration reg = byId.get(m.registration());
        if (reg == null || reg.callee != s) {
            s.send(new Error(Unregister.TYPE, m.request(), Map.of(), WampErrors.NO_SUCH_REGISTRATION,
                    Dicts.because("no registration " + m.registration() + " in this session"), null));
            return;
        }
        remove(reg);
        s.registrations.remove(reg);
        s.send(new Unregistered(m.request()));
    }

    void call(Session caller, Call m) {
        if (!realm.isValidUri(m.procedure(), false)) {
            caller.send(new Error(Call.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                    Dicts.because("invalid procedure URI '" + m.procedure() + "'"), null));
            return;
        }
        Registration reg = exact.get(m.procedure());
        if (reg == null) {
            caller.send(new Error(Call.TYPE, m.request(), Map.of(), WampErrors.NO_SUCH_PROCEDURE,
                    Dicts.because("no callee registered procedure '" + m.procedure() + "'"), null));
            return;
        }
        if (caller.callsMade.containsKey(m.request())) {
            realm.protocolViolation(caller, "CALL request id " + m.request() + " is already in use");
            return;
        }
        Session callee = reg.callee;
        long invocationId = callee.nextInvocationId();
        PendingCall pending = new PendingCall(caller, m.request(), callee, invocationId, reg);
        caller.callsMade.put(m.request(), pending);
        callee.invocationsReceived.put(invocationId, pending);
        callee.send(new Invocation(invocationId, reg.id, Map.of(), m.args(), m.kwargs()));
    }

    void yield(Session callee, Yield m) {
        PendingCall pending = callee.invocationsReceived.remove(m.request());
        if (pending == null) {
            realm.protocolViolation(callee, "YIELD for unknown INVOCATION request " + m.request());
            return;
        }
        pending.caller.callsMade.remove(pending.callRequest);
        pending.caller.send(new Result(pending.callRequest, Map.of(), m.args(), m.kwargs()));
    }

    void invocationError(Session callee, Error m) {
        PendingCall pending = callee.invocationsReceived.remove(m.request());
        if (pending == null) {
            realm.protocolViolation(callee, "ERROR for unknown INVOCATION request " + m.request());
            return;
        }
        pending.caller.callsMade.remove(pending.callRequest);
        pending.caller.send(new Error(Call.TYPE, pending.callRequest, m.details(), m.error(), m.args(), m.kwargs()));
    }

    void removeSession(Session s) {
        for (Registration reg : s.registrations) {
            remove(reg);
        }
        s.registrations.clear();
        // Calls to a callee that left end with an error to their callers, never a hang.
        for (PendingCall pending : new ArrayList<>(s.invocationsReceived.values())) {
            pending.caller.callsMade.remove(pending.callRequest);
            pending.caller.send(new Error(Call.TYPE, pending.callRequest, Map.of(), WampErrors.CANCELED,
                    Dicts.because("the callee left before answering"), null));
        }
        s.invocationsReceived.clear();
        // Calls this session made keep running: the callee may still answer, and the answer is dropped
        // because Session#send ignores closed sessions.
        s.callsMade.clear();
    }

    private void remove(Registration reg) {
        exact.remove(reg.procedure);
        byId.remove(reg.id);
    }

    int registrationCount() {
        return byId.size();
    }
}
