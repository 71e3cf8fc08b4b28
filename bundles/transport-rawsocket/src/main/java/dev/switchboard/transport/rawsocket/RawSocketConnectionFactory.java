package dev.switchboard.transport.rawsocket;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;

/**
 * Makes every accepted socket of one connector a {@link RawSocketConnection}: Jetty provides the selector, the
 * non-blocking endpoint, the thread pool, the scheduler and the buffer pool; no HTTP is involved.
 */
final class RawSocketConnectionFactory extends AbstractConnectionFactory {

    static final String PROTOCOL = "wamp.2.rawsocket";

    private final RawSocketListener listener;
    private final String listenerAddress;

    /** @param listenerAddress the address connections report, e.g. {@code rawsocket://127.0.0.1:8081} */
    RawSocketConnectionFactory(RawSocketListener listener, String listenerAddress) {
        super(PROTOCOL);
        this.listener = listener;
        this.listenerAddress = listenerAddress;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        return configure(new RawSocketConnection(endPoint, connector.getExecutor(), connector.getScheduler(),
                connector.getByteBufferPool(), listener, listenerAddress), connector, endPoint);
    }
}
