package dev.switchboard.api.router;

import dev.switchboard.api.message.Message;

/**
 * The router end of one connection. A transport calls these methods from one thread at a time per connection,
 * in the order events happened on the connection.
 */
public interface RouterSession {

    /**
     * Hands a decoded message to the router. Returns {@code false} when the router wants the transport to stop
     * reading from this connection until {@link Peer#resumeReading()} is called (the session's inbox is full).
     */
    boolean receive(Message message);

    /**
     * The transport could not decode a message: the router answers ABORT with
     * {@code wamp.error.protocol_violation} and closes the connection.
     */
    void protocolViolation(String reason);

    /** The connection is gone (closed by either side or broken); the router frees the session's state. */
    void closed();
}
