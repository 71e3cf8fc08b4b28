package dev.switchboard.metrics;

import java.util.List;

/** One transport listener as a JMX composite; see {@link RealmMetrics} for why a class with getters. */
public final class TransportMetrics {
    private final ListenerSample listener;

    TransportMetrics(ListenerSample listener) {
        this.listener = listener;
    }

    public String getName() {
        return listener.name();
    }

    public String getTransport() {
        return listener.transport();
    }

    public List<String> getAddresses() {
        return listener.addresses();
    }

    public int getConnections() {
        return listener.connections();
    }
}
