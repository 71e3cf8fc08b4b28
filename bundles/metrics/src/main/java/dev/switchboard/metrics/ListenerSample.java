package dev.switchboard.metrics;

import dev.switchboard.api.router.TransportListener;
import java.util.List;
import java.util.Map;

/** One transport listener at scrape time; its name is the {@code name} service property the transports set. */
record ListenerSample(String name, String transport, List<String> addresses, int connections) {

    static ListenerSample of(Map<String, Object> properties, TransportListener listener) {
        Object name = properties.get("name");
        if (name == null) {
            name = properties.getOrDefault("service.pid", "service-" + properties.get("service.id"));
        }
        return new ListenerSample(name.toString(), listener.transport(), List.copyOf(listener.addresses()),
                listener.connectionCount());
    }
}
