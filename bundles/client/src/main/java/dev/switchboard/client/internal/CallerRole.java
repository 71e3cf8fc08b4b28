package dev.switchboard.client.internal;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Result;
import dev.switchboard.client.CallOptions;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.CancelMode;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.WampException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The caller role of one session: pending CALLs by request id. Confined to the session's actor. */
final class CallerRole {
    private static final Logger LOG = LoggerFactory.getLogger(CallerRole.class);

    /**
     * A CALL awaiting its final RESULT or ERROR. {@code lane} keeps progressive results and the final outcome in
     * order when the caller asked for progress; otherwise outcomes go straight to the pool.
     */
    private record PendingCall(long request, String procedure, CallFuture future, Consumer<CallResult> progress,
            Executor lane) {}

    private final ClientSession session;
    private final Map<Long, PendingCall> calls = new HashMap<>();
    /** Request id of each call whose future is still pending here, to find it again on cancel. */
    private final Map<CallFuture, Long> requestByFuture = new HashMap<>();

    CallerRole(ClientSession session) {
        this.session = session;
    }

    void call(String procedure, List<Object> args, Map<String, Object> kwargs, CallOptions options,
            CallFuture future) {
        if (future.isDone() || !session.requireOpen(future, "call " + procedure)) {
            return; // cancelled before it could be sent: nothing to tell the router
        }
        long request = session.nextRequestId();
        Executor lane = options.receiveProgress()
                ? session.runtime().newSerialExecutor("call " + procedure)
                : session.runtime()::execute;
        PendingCall pending = new PendingCall(request, procedure, future, options.progressHandler(), lane);
        calls.put(request, pending);
        requestByFuture.put(future, request);
        if (!session.sendRequest(new Call(request, wireOptions(options), procedure, args, kwargs), future)) {
            forget(pending);
        }
    }

    static Map<String, Object> wireOptions(CallOptions options) {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (options.timeoutMillis() > 0) {
            wire.put("timeout", options.timeoutMillis());
        }
        if (options.receiveProgress()) {
            wire.put("receive_progress", true);
        }
        if (options.discloseMe()) {
            wire.put("disclose_me", true);
        }
        return wire;
    }

    void onResult(Result m) {
        PendingCall pending = calls.get(m.request());
        if (pending == null) {
            LOG.debug("RESULT for unknown CALL request {} dropped", m.request());
            return;
        }
        boolean progress = Wire.bool(m.details(), "progress");
        CallResult result = new CallResult(m.args(), m.kwargs(), m.details(), progress);
        if (progress) {
            if (pending.progress() != null) {
                pending.lane().execute(() -> deliverProgress(pending, result));
            }
            return;
        }
        forget(pending);
        pending.lane().execute(() -> pending.future().complete(result));
    }

    private static void deliverProgress(PendingCall pending, CallResult result) {
        if (pending.future().isDone()) {
            return; // cancelled meanwhile
        }
        try {
            pending.progress().accept(result);
        } catch (RuntimeException e) {
            LOG.warn("Progress handler of call {} failed", pending.procedure(), e);
        }
    }

    void onError(Error m) {
        PendingCall pending = calls.get(m.request());
        if (pending == null) {
            LOG.debug("ERROR for unknown CALL request {} dropped", m.request());
            return;
        }
        forget(pending);
        WampException error = new WampException(m.error(), m.args(), m.kwargs());
        pending.lane().execute(() -> pending.future().completeExceptionally(error));
    }

    /** Sends CANCEL for a call still pending; the router's ERROR then completes it (spec: advanced, call canceling). */
    void cancel(CallFuture future, CancelMode mode) {
        Long request = requestByFuture.get(future);
        if (request == null || !session.isOpen()) {
            return;
        }
        session.sendQuietly(new Cancel(request, Map.of("mode", mode.wireName())));
    }

    void sessionEnded(SessionClosedException failure) {
        for (PendingCall pending : new ArrayList<>(calls.values())) {
            pending.lane().execute(() -> pending.future().completeExceptionally(failure));
        }
        calls.clear();
        requestByFuture.clear();
    }

    private void forget(PendingCall pending) {
        calls.remove(pending.request());
        requestByFuture.remove(pending.future());
    }

    /** Diagnostic only: read outside the actor, the count may be stale. */
    @Override
    public String toString() {
        return "CallerRole[pending=" + calls.size() + "]";
    }
}
