package dev.switchboard.webconsole;

import dev.switchboard.api.router.TransportListener;
import java.util.List;
import java.util.Map;

/** A transport listener as the page shows it; the name is the {@code name} service property of the transports. */
record ListenerInfo(String name, String transport, List<String> addresses, int connections) {

    static ListenerInfo of(Map<String, Object> properties, TransportListener listener) {
        Object name = properties.get("name");
        if (name == null) {
            name = properties.getOrDefault("service.pid", "service " + properties.get("service.id"));
        }
        return new ListenerInfo(name.toString(), listener.transport(), List.copyOf(listener.addresses()),
                listener.connectionCount());
    }
}
