package dev.switchboard.client;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows the sessions of one {@link WampConnector#join}. Callbacks come one at a time, in order, on a client
 * thread (never the router's). For every session: {@code onJoin}; then {@code onLeave} if a WAMP message closed it
 * (GOODBYE either way, or ABORT), but not when the connection was simply lost; and finally {@code onDisconnect}. A reconnecting connector then joins again and calls {@code onJoin} with the new
 * session: registrations and subscriptions are <em>not</em> carried over, so register and subscribe in
 * {@code onJoin}.
 */
@ConsumerType
public interface SessionListener {

    /** A listener that ignores everything. */
    SessionListener NONE = session -> { };

    /** The session is open (WELCOME). */
    void onJoin(WampSession session);

    /** The session was closed by GOODBYE or ABORT; {@code reason} is its URI (e.g. wamp.close.killed). */
    default void onLeave(WampSession session, String reason) {}

    /** The connection of the session is gone; {@code willReconnect} tells whether a new session will be tried. */
    default void onDisconnect(WampSession session, boolean willReconnect) {}

    /** A join attempt failed (connection refused, handshake refused, ABORT); {@code willRetry} as above. */
    default void onJoinFailed(Throwable cause, boolean willRetry) {}
}
