package dev.switchboard.shell;

import dev.switchboard.api.router.TransportListener;
import java.util.List;
import java.util.Map;

/**
 * One transport listener as the shell shows it: its configured name comes from the service properties (the
 * transports register {@code name}), the rest from the service itself, read when the command runs.
 */
record ListenerView(String name, String transport, List<String> addresses, int connections) {

    static ListenerView of(Map<String, Object> properties, TransportListener listener) {
        Object name = properties.get("name");
        if (name == null) {
            name = properties.getOrDefault("service.pid", "service " + properties.get("service.id"));
        }
        return new ListenerView(name.toString(), listener.transport(), List.copyOf(listener.addresses()),
                listener.connectionCount());
    }
}
