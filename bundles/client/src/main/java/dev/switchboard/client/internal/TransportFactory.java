package dev.switchboard.client.internal;

import java.util.concurrent.Executor;

/** Opens connections to a router: in-process or over the network. */
@FunctionalInterface
public interface TransportFactory {

    /**
     * Opens one connection, blocking until it can carry WAMP messages (for RawSocket: after the handshake).
     *
     * @param handler      receives what arrives
     * @param sessionActor the session's actor, on which {@link ClientTransport#send} and {@code close} are called
     * @throws Exception when the connection cannot be made; the join loop decides whether to retry
     */
    ClientTransport open(TransportHandler handler, Executor sessionActor) throws Exception;
}
