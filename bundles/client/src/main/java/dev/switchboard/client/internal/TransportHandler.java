package dev.switchboard.client.internal;

import dev.switchboard.api.message.Message;

/** Receives what a {@link ClientTransport} delivers, from any thread, in the order it happened on the connection. */
public interface TransportHandler {

    /** A message from the router. Must not block: the caller may be the router's realm thread. */
    void onMessage(Message message);

    /** The connection is gone; {@code cause} is {@code null} for an orderly close. Called at most once. */
    void onClosed(Throwable cause);
}
