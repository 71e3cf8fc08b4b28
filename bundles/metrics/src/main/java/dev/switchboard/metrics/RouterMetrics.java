package dev.switchboard.metrics;

import java.util.List;
import java.util.function.Supplier;

/** The MXBean: reads a {@link NodeSnapshot} per attribute read, so JMX shows the router as it is now. */
final class RouterMetrics implements RouterMetricsMXBean {

    private final Supplier<NodeSnapshot> source;

    RouterMetrics(Supplier<NodeSnapshot> source) {
        this.source = source;
    }

    @Override
    public int getSessions() {
        return source.get().sessions();
    }

    @Override
    public long getMessagesReceived() {
        return source.get().messagesIn();
    }

    @Override
    public long getMessagesSent() {
        return source.get().messagesOut();
    }

    @Override
    public int getConnections() {
        return source.get().connections();
    }

    @Override
    public List<RealmMetrics> getRealms() {
        return source.get().realms().stream().map(RealmMetrics::new).toList();
    }

    @Override
    public List<TransportMetrics> getTransports() {
        return source.get().listeners().stream().map(TransportMetrics::new).toList();
    }
}
