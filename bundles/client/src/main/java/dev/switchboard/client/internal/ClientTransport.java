package dev.switchboard.client.internal;

import dev.switchboard.api.message.Message;

/**
 * A connection to a router as the client session sees it. Both methods are called from the session's actor only,
 * one at a time. What arrives goes to the session's {@link TransportHandler}.
 */
public interface ClientTransport {

    /**
     * Sends one message. May block briefly on a network transport (the actor is ours, never the router's).
     *
     * @throws dev.switchboard.client.WampException {@code wamp.error.payload_size_exceeded} when the router
     *         cannot accept a message this long; the connection stays usable
     */
    void send(Message message);

    /** Closes the connection; the handler gets no further messages. Idempotent. */
    void close();
}
