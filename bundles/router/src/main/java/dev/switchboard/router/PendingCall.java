package dev.switchboard.router;

import java.util.concurrent.ScheduledFuture;

/** A CALL routed to a callee that has not given its final answer yet. Actor-confined. */
final class PendingCall {
    final Session caller;
    final long callRequest;
    final Session callee;
    final long invocationRequest;
    final Registration registration;
    final boolean receiveProgress;
    /** The caller already got its final answer (canceled, timed out, or left); the callee's answer is dropped. */
    boolean callerDone;
    /** CANCEL mode kill: the caller waits for the callee's answer to the INTERRUPT. */
    boolean killRequested;
    ScheduledFuture<?> timeout;

    PendingCall(Session caller, long callRequest, Session callee, long invocationRequest, Registration registration,
            boolean receiveProgress) {
        this.caller = caller;
        this.callRequest = callRequest;
        this.callee = callee;
        this.invocationRequest = invocationRequest;
        this.registration = registration;
        this.receiveProgress = receiveProgress;
    }

    void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "PendingCall[caller=" + caller.id() + "#" + callRequest + ", callee=" + callee.id() + "#"
                + invocationRequest + ", " + registration.procedure + (callerDone ? ", caller done" : "") + "]";
    }
}
