package dev.switchboard.api.router;

/**
 * What a connection is, for logs, meta API and shell commands.
 *
 * @param transport   transport kind, e.g. {@code websocket}, {@code rawsocket}, {@code local}
 * @param listener    the listener that accepted it, e.g. {@code ws://127.0.0.1:8080/ws} or {@code ws+unix:run/ws.sock}, as in
 *                    {@link TransportListener#ADDRESSES_PROPERTY}
 * @param peerAddress the remote address, e.g. {@code tcp4:127.0.0.1:51234} or {@code unix}
 * @param serializer  the serializer name negotiated, e.g. {@code json}; {@code null} for in-process peers
 * @param auth        the name of the authentication policy of the listener (configuration {@code auth}),
 *                    or {@code null} for the default: anonymous clients only
 */
public record TransportDetails(String transport, String listener, String peerAddress, String serializer, String auth) {

    /** A connection on a listener without authentication configuration. */
    public TransportDetails(String transport, String listener, String peerAddress, String serializer) {
        this(transport, listener, peerAddress, serializer, null);
    }
}
