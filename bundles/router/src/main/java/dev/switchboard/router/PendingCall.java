package dev.switchboard.router;

/** A CALL routed to a callee that has not answered yet. Actor-confined. */
final class PendingCall {
    final Session caller;
    final long callRequest;
    final Session callee;
    final long invocationRequest;
    final Registration registration;

    PendingCall(Session caller, long callRequest, Session callee, long invocationRequest, Registration registration) {
        this.caller = caller;
        this.callRequest = callRequest;
        this.callee = callee;
        this.invocationRequest = invocationRequest;
        this.registration = registration;
    }

    @Override
    public String toString() {
        return "PendingCall[caller=" + caller.id() + "#" + callRequest + ", callee=" + callee.id() + "#"
                + invocationRequest + ", " + registration.procedure + "]";
    }
}
