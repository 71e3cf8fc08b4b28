package dev.switchboard.transport.websocket;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

import dev.switchboard.api.serializer.Serializer;

/**
 * Accepts a WebSocket upgrade when the client offers a WAMP subprotocol of a serializer registered right now: the
 * first offered one (in the client's order of preference) that is installed wins. Otherwise answers HTTP 400 with
 * the supported subprotocols, as the WAMP spec asks of a router that speaks none of the offered ones. When the
 * listener has {@code maxConnections} open already, answers HTTP 503 before looking any further.
 */
final class SubprotocolNegotiator implements WebSocketNegotiator {

    /**
     * Makes the frame handler of a connection accepted on a connector with a serializer; the connection gives
     * {@code slot} back when it closes.
     */
    interface ConnectionFactory {
        FrameHandler newConnection(Serializer serializer, Connector connector, ConnectionLimit.Slot slot);
    }

    private final Supplier<List<Serializer>> installedSerializers;
    private final ConnectionLimit limit;
    private final ConnectionFactory connections;

    SubprotocolNegotiator(Supplier<List<Serializer>> installedSerializers, ConnectionLimit limit,
                          ConnectionFactory connections) {
        this.installedSerializers = installedSerializers;
        this.limit = limit;
        this.connections = connections;
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        ConnectionLimit.Slot slot = limit.tryAdmit();
        if (slot == null) {
            refuseFull(response, callback);
            return null; // Jetty sends our response instead of upgrading
        }
        List<Serializer> installed = installedSerializers.get();
        Optional<Serializer> chosen = choose(request.getSubProtocols(), installed);
        if (chosen.isEmpty()) {
            slot.release();
            refuse(response, callback, installed);
            return null;
        }
        response.setAcceptedSubProtocol(chosen.get().subprotocol());
        try {
            return connections.newConnection(chosen.get(), request.getConnectionMetaData().getConnector(), slot);
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }

    /** The first offered subprotocol that an installed serializer speaks. */
    static Optional<Serializer> choose(List<String> offered, List<Serializer> installed) {
        var bySubprotocol = installed.stream()
                .collect(Collectors.toMap(Serializer::subprotocol, Function.identity(), (first, second) -> first));
        return offered.stream().map(bySubprotocol::get).filter(s -> s != null).findFirst();
    }

    private static void refuse(ServerUpgradeResponse response, Callback callback, List<Serializer> installed) {
        String supported = installed.stream().map(Serializer::subprotocol).distinct().collect(Collectors.joining(", "));
        String body = supported.isEmpty()
                ? "No WAMP serializer is installed.\n"
                : "No supported WebSocket subprotocol offered. Supported: " + supported + "\n";
        response.setStatus(HttpStatus.BAD_REQUEST_400);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }

    /** 503 Service Unavailable: the client may try again later, possibly on another node. */
    private static void refuseFull(ServerUpgradeResponse response, Callback callback) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, "Too many connections.\n", callback);
    }

    @Override
    public String toString() {
        return "SubprotocolNegotiator" + installedSerializers.get().stream().map(Serializer::subprotocol).toList();
    }
}
