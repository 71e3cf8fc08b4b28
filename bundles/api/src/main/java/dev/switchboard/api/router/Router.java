package dev.switchboard.api.router;

/**
 * The router as transports see it: an OSGi service. A transport calls {@link #connect(Peer)} once per accepted
 * connection, before the first message, and feeds every decoded message to the returned session.
 */
public interface Router {

    /** Opens a router-side session for a new connection; the session expects HELLO first. */
    RouterSession connect(Peer peer);
}
