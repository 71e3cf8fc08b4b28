package dev.switchboard.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Supplier;

/** Reads the node once per scrape and hands every family to the registry. */
final class RouterCollector implements MultiCollector {

    private final Supplier<NodeSnapshot> source;

    RouterCollector(Supplier<NodeSnapshot> source) {
        this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
        return PrometheusMapping.toSnapshots(source.get());
    }
}
