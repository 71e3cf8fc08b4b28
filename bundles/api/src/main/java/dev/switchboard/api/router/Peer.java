package dev.switchboard.api.router;

import dev.switchboard.api.message.Message;

/**
 * The transport end of one connection, implemented by each transport. All methods are non-blocking and
 * may be called from any thread.
 */
public interface Peer {

    /**
     * Queues a message for sending. Never blocks and never throws; a transport that cannot keep up applies
     * its slow-consumer policy (closing the connection) instead of buffering without bound.
     */
    void send(Message message);

    /** Sends what is queued, then closes the connection. */
    void close();

    /** The router calls this after {@link RouterSession#receive} returned {@code false} and it caught up. */
    void resumeReading();

    /** What the connection is: transport, addresses, serializer. */
    TransportDetails details();

    /**
     * Whether the peer can take this message at all, e.g. within the maximum message length its client announced
     * (RawSocket). The router asks before sending an INVOCATION so that it can answer the caller with
     * {@code wamp.error.payload_size_exceeded} instead of losing the callee. Transports that check encode the message
     * with {@link Message#encodedWith}, so the later send costs nothing more.
     */
    default boolean canReceive(Message message) {
        return true;
    }

    /** Bytes queued for sending right now, for operators; -1 where the transport does not track them. */
    default long pendingOutboundBytes() {
        return -1;
    }
}
