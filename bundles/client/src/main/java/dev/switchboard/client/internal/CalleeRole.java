package dev.switchboard.client.internal;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Interrupt;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Unregister;
import dev.switchboard.api.message.Unregistered;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.CancelMode;
import dev.switchboard.client.MatchPolicy;
import dev.switchboard.client.InvokePolicy;
import dev.switchboard.client.Procedure;
import dev.switchboard.client.RegisterOptions;
import dev.switchboard.client.Registration;
import dev.switchboard.client.Result;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.WampException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callee role of one session: registrations and running invocations. Confined to the session's actor;
 * procedures run on the runtime's pool and their answers come back here, where each invocation is answered
 * exactly once (a second YIELD, or one after INTERRUPT, would be a protocol violation the router aborts for).
 */
final class CalleeRole {
    private static final Logger LOG = LoggerFactory.getLogger(CalleeRole.class);
    /** Error URI for a procedure's unexpected exception (the URI Autobahn and Crossbar use). */
    static final String RUNTIME_ERROR = "wamp.error.runtime_error";

    private record PendingRegister(String procedure, Procedure handler, CompletableFuture<Registration> future) {}

    private record PendingUnregister(ClientRegistration registration, CompletableFuture<Void> future) {}

    private final ClientSession session;
    private final Map<Long, PendingRegister> registering = new HashMap<>();
    private final Map<Long, PendingUnregister> unregistering = new HashMap<>();
    private final Map<Long, ClientRegistration> registrations = new HashMap<>();
    /** Invocations not answered yet, by INVOCATION request id. */
    private final Map<Long, InvocationContext> running = new HashMap<>();

    CalleeRole(ClientSession session) {
        this.session = session;
    }

    void register(String procedure, Procedure handler, RegisterOptions options,
            CompletableFuture<Registration> future) {
        if (!session.requireOpen(future, "register " + procedure)) {
            return;
        }
        long request = session.nextRequestId();
        registering.put(request, new PendingRegister(procedure, handler, future));
        if (!session.sendRequest(new Register(request, wireOptions(options), procedure), future)) {
            registering.remove(request);
        }
    }

    private static Map<String, Object> wireOptions(RegisterOptions options) {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (options.match() != MatchPolicy.EXACT) {
            wire.put("match", options.match().wireName());
        }
        if (options.invoke() != InvokePolicy.SINGLE) {
            wire.put("invoke", options.invoke().wireName());
        }
        if (options.discloseCaller()) {
            wire.put("disclose_caller", true);
        }
        return wire;
    }

    void onRegistered(Registered m) {
        PendingRegister pending = registering.remove(m.request());
        if (pending == null) {
            LOG.debug("REGISTERED for unknown request {} dropped", m.request());
            return;
        }
        ClientRegistration reg = new ClientRegistration(session, this, m.registration(), pending.procedure(),
                pending.handler());
        registrations.put(reg.id(), reg);
        session.complete(pending.future(), reg);
    }

    void unregister(ClientRegistration reg, CompletableFuture<Void> future) {
        if (registrations.remove(reg.id()) != reg || !session.isOpen()) {
            session.complete(future, null); // already gone: the router forgot it when the session ended
            return;
        }
        reg.deactivate();
        long request = session.nextRequestId();
        unregistering.put(request, new PendingUnregister(reg, future));
        if (!session.sendRequest(new Unregister(request, reg.id()), future)) {
            unregistering.remove(request);
        }
    }

    void onUnregistered(Unregistered m) {
        if (m.request() == 0) {
            revoked(m); // router-initiated (advanced: registration revocation)
            return;
        }
        PendingUnregister pending = unregistering.remove(m.request());
        if (pending != null) {
            session.complete(pending.future(), null);
        }
    }

    private void revoked(Unregistered m) {
        Long id = Wire.id(m.details(), "registration");
        ClientRegistration reg = id == null ? null : registrations.remove(id);
        if (reg != null) {
            reg.deactivate();
            LOG.info("The router revoked registration {} of {}: {}", id, reg.procedure(), m.details().get("reason"));
        }
    }

    void onError(Error e) {
        PendingRegister register = e.requestType() == Register.TYPE ? registering.remove(e.request()) : null;
        if (register != null) {
            session.fail(register.future(), new WampException(e.error(), e.args(), e.kwargs()));
            return;
        }
        PendingUnregister unregister = e.requestType() == Unregister.TYPE ? unregistering.remove(e.request()) : null;
        if (unregister != null) {
            session.fail(unregister.future(), new WampException(e.error(), e.args(), e.kwargs()));
        }
    }

    // ---- invocations ----

    void onInvocation(Invocation m) {
        ClientRegistration reg = registrations.get(m.registration());
        if (reg == null) {
            // Crossed an UNREGISTER on the wire: answer so the caller is not left waiting.
            session.sendQuietly(new Error(Invocation.TYPE, m.request(), Map.of(), WampErrors.NO_SUCH_REGISTRATION,
                    List.of("registration " + m.registration() + " is gone"), null));
            return;
        }
        InvocationContext ctx = new InvocationContext(session, this, reg, m);
        running.put(m.request(), ctx);
        session.runtime().execute(() -> runProcedure(ctx, reg.handler()));
    }

    /** On the pool: runs the procedure and sends its outcome back to the actor. */
    private void runProcedure(InvocationContext ctx, Procedure handler) {
        CompletionStage<Result> stage;
        try {
            stage = handler.invoke(ctx);
            if (stage == null) {
                stage = CompletableFuture.completedFuture(Result.empty());
            }
        } catch (Exception | LinkageError | AssertionError e) {
            stage = CompletableFuture.failedFuture(e);
        }
        ctx.outcome(stage);
        stage.whenComplete((result, error) -> session.actor().execute(() -> answer(ctx, result, error)));
    }

    private void answer(InvocationContext ctx, Result result, Throwable error) {
        if (running.get(ctx.request()) != ctx) {
            return; // already answered for it: interrupted, or the session ended
        }
        running.remove(ctx.request());
        if (error == null) {
            Result r = result == null ? Result.empty() : result;
            try {
                session.send(new Yield(ctx.request(), Map.of(), r.args(), r.kwargs()));
                return;
            } catch (WampException tooLong) {
                error = tooLong;
            } catch (RuntimeException e) {
                LOG.warn("Could not send the result of {}: {}", ctx, e.getMessage());
                return;
            }
        }
        WampException wamp = Errors.toWamp(error);
        if (!(Errors.unwrap(error) instanceof WampException)) {
            LOG.debug("Procedure {} failed", ctx.procedure(), error);
        }
        session.sendQuietly(new Error(Invocation.TYPE, ctx.request(), Map.of(), wamp.uri(), wamp.args(),
                wamp.kwargs()));
    }

    void progress(InvocationContext ctx, List<Object> args, Map<String, Object> kwargs) {
        if (running.get(ctx.request()) == ctx) {
            session.sendQuietly(new Yield(ctx.request(), Map.of("progress", true), args, kwargs));
        }
    }

    /** INTERRUPT: answer {@code wamp.error.canceled} now (kill waits for it) and tell the procedure. */
    void onInterrupt(Interrupt m) {
        InvocationContext ctx = running.remove(m.request());
        if (ctx == null) {
            return; // answered already; the router drops what crosses
        }
        CancelMode mode = CancelMode.fromWireName(Wire.string(m.options(), "mode"));
        String reason = Wire.string(m.options(), "reason");
        session.sendQuietly(new Error(Invocation.TYPE, ctx.request(), Map.of(),
                reason != null ? reason : WampErrors.CANCELED, List.of("the invocation was interrupted"), null));
        ctx.interrupt(mode);
    }

    void sessionEnded(SessionClosedException failure) {
        for (InvocationContext ctx : running.values()) {
            ctx.interrupt(CancelMode.KILL_NO_WAIT);
        }
        running.clear();
        for (PendingRegister p : registering.values()) {
            session.fail(p.future(), failure);
        }
        registering.clear();
        for (PendingUnregister p : unregistering.values()) {
            session.complete(p.future(), null); // the router dropped the registration with the session
        }
        unregistering.clear();
        for (ClientRegistration reg : new ArrayList<>(registrations.values())) {
            reg.deactivate();
        }
        registrations.clear();
    }

    /** Diagnostic only: read outside the actor, the counts may be stale. */
    @Override
    public String toString() {
        return "CalleeRole[registrations=" + registrations.size() + ", running=" + running.size() + "]";
    }
}
