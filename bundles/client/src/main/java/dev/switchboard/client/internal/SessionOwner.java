package dev.switchboard.client.internal;

import java.util.concurrent.CompletableFuture;

/**
 * What a {@link ClientSession} reports to the join that created it. Called on the session's actor: implementations
 * hand the work to their own executor and return at once.
 */
interface SessionOwner {

    /** WELCOME arrived. */
    void joined(ClientSession session);

    /** The session never opened: ABORT, a refused authentication, a timeout or a lost connection. */
    void joinFailed(ClientSession session, Throwable cause);

    /** An open session was closed by a WAMP message (GOODBYE either way, or ABORT) with {@code reason}. */
    void left(ClientSession session, String reason);

    /** An open session's connection is gone; always the last report for a session that {@link #joined}. */
    void ended(ClientSession session);

    /** The application asked to leave: end the whole join (no reconnect) and leave its current session. */
    CompletableFuture<Void> stop();
}
