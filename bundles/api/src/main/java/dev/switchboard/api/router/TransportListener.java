package dev.switchboard.api.router;

import java.util.List;

/**
 * A listening endpoint of a transport, registered as an OSGi service while it accepts connections. Registered
 * with the service property {@value #ADDRESSES_PROPERTY} so that the launcher and the shell can list listeners
 * without loading this interface.
 */
public interface TransportListener {

    /** Service property: the addresses as strings, e.g. {@code ws://127.0.0.1:8080/ws}, {@code ws+unix:run/ws.sock}. */
    String ADDRESSES_PROPERTY = "switchboard.listener.addresses";

    /** Transport kind: {@code websocket}, {@code rawsocket}. */
    String transport();

    /** Where it listens, as in {@link #ADDRESSES_PROPERTY}. */
    List<String> addresses();

    /** Connections open right now. */
    int connectionCount();
}
