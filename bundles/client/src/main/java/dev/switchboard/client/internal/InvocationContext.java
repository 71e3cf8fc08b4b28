package dev.switchboard.client.internal;

import dev.switchboard.api.message.Invocation;
import dev.switchboard.client.CancelMode;
import dev.switchboard.client.Registration;
import dev.switchboard.client.WampSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/** One running invocation as its procedure sees it. */
final class InvocationContext implements dev.switchboard.client.Invocation {
    private final ClientSession session;
    private final CalleeRole callee;
    private final ClientRegistration registration;
    private final Invocation message;
    private final CompletableFuture<CancelMode> interrupted = new CompletableFuture<>();
    /** What the procedure returned, to cancel it on INTERRUPT when it is a Future. */
    private volatile CompletionStage<?> outcome;

    InvocationContext(ClientSession session, CalleeRole callee, ClientRegistration registration, Invocation message) {
        this.session = session;
        this.callee = callee;
        this.registration = registration;
        this.message = message;
    }

    long request() {
        return message.request();
    }

    @Override
    public List<Object> args() {
        return message.args() == null ? List.of() : message.args();
    }

    @Override
    public Map<String, Object> kwargs() {
        return message.kwargs() == null ? Map.of() : message.kwargs();
    }

    @Override
    public Map<String, Object> details() {
        return message.details();
    }

    @Override
    public String procedure() {
        String called = Wire.string(message.details(), "procedure");
        return called != null ? called : registration.procedure();
    }

    @Override
    public Registration registration() {
        return registration;
    }

    @Override
    public Long caller() {
        return Wire.id(message.details(), "caller");
    }

    @Override
    public String callerAuthid() {
        return Wire.string(message.details(), "caller_authid");
    }

    @Override
    public String callerAuthrole() {
        return Wire.string(message.details(), "caller_authrole");
    }

    @Override
    public boolean receiveProgress() {
        return Wire.bool(message.details(), "receive_progress");
    }

    @Override
    public boolean progress(List<?> args, Map<String, ?> kwargs) {
        if (!receiveProgress() || interrupted.isDone()) {
            return false;
        }
        List<Object> a = Wire.args(args);
        Map<String, Object> kw = Wire.kwargs(kwargs);
        session.actor().execute(() -> callee.progress(this, a, kw));
        return true;
    }

    @Override
    public boolean isInterrupted() {
        return interrupted.isDone();
    }

    @Override
    public CompletionStage<CancelMode> interrupted() {
        return interrupted.minimalCompletionStage();
    }

    @Override
    public WampSession session() {
        return session;
    }

    void outcome(CompletionStage<?> stage) {
        outcome = stage;
        if (interrupted.isDone() && stage instanceof Future<?> f) {
            f.cancel(true); // the INTERRUPT came while the procedure was still starting
        }
    }

    /** The router interrupted the invocation (or the session ended): tell the procedure, stop what we can. */
    void interrupt(CancelMode mode) {
        session.runtime().execute(() -> {
            interrupted.complete(mode);
            if (outcome instanceof Future<?> f) {
                f.cancel(true);
            }
        });
    }

    @Override
    public String toString() {
        return "Invocation[" + message.request() + ", " + procedure() + (isInterrupted() ? ", interrupted" : "") + "]";
    }
}
