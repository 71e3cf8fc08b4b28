package dev.switchboard.client;

/**
 * The session ended before the router answered: the connection was lost ({@link #TRANSPORT_LOST}) or the session
 * was closed with GOODBYE or ABORT (the close reason is the {@link #uri()}). Pending calls, registrations and the
 * like fail with it, and so do requests made on a session that is no longer open.
 */
public class SessionClosedException extends WampException {
    private static final long serialVersionUID = 1L;

    /** Reason used when the connection broke without a GOODBYE (the URI Autobahn uses for the same case). */
    public static final String TRANSPORT_LOST = "wamp.close.transport_lost";

    public SessionClosedException(String reason, String message) {
        super(reason, message);
    }
}
