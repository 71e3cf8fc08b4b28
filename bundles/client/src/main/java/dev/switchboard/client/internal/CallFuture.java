package dev.switchboard.client.internal;

import dev.switchboard.client.CallResult;
import dev.switchboard.client.CancelMode;
import java.util.concurrent.CompletableFuture;

/** The future of one CALL: cancelling it sends CANCEL with the mode chosen in the call's options. */
final class CallFuture extends CompletableFuture<CallResult> {
    private final ClientSession session;
    private final CancelMode cancelMode;

    CallFuture(ClientSession session, CancelMode cancelMode) {
        this.session = session;
        this.cancelMode = cancelMode;
    }

    ClientSession session() {
        return session;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            session.sendCancel(this, cancelMode);
        }
        return cancelled;
    }
}
