package dev.switchboard.metrics;

import dev.switchboard.api.admin.RealmInfo;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Maps a {@link NodeSnapshot} to Prometheus metric families. Names follow the Prometheus conventions: a
 * {@code switchboard_} prefix, counters get {@code _total} from the writer, one label per dimension
 * ({@code realm}, {@code type}, {@code uri}, {@code listener}, {@code transport}). A family without samples is left
 * out rather than written as a bare HELP/TYPE pair.
 */
final class PrometheusMapping {

    static final String PREFIX = "switchboard_";

    private PrometheusMapping() {
    }

    static MetricSnapshots toSnapshots(NodeSnapshot node) {
        List<MetricSnapshot> families = new ArrayList<>();
        List<RealmInfo> realms = node.realms();
        addIfAny(families, realmGauge("realm_sessions", "Sessions joined to the realm.", realms, RealmInfo::sessions));
        addIfAny(families, realmGauge("realm_registrations", "Procedures registered in the realm.", realms,
                RealmInfo::registrations));
        addIfAny(families, realmGauge("realm_subscriptions", "Topic subscriptions in the realm.", realms,
                RealmInfo::subscriptions));
        addIfAny(families, realmGauge("realm_pending_calls", "Calls waiting for their callee's answer.", realms,
                RealmInfo::pendingCalls));
        addIfAny(families, byRealmAndKey("realm_messages_received", "WAMP messages received from clients, by type.",
                "type", realms, RealmInfo::messagesInByType));
        addIfAny(families, byRealmAndKey("realm_messages_sent", "WAMP messages sent to clients, by type.", "type",
                realms, RealmInfo::messagesOutByType));
        addIfAny(families, byRealmAndKey("realm_errors", "ERROR and ABORT messages the router sent, by error URI.",
                "uri", realms, RealmInfo::errorsByUri));
        addIfAny(families, connections(node.listeners()));
        addIfAny(families, listenerInfo(node.listeners()));
        return new MetricSnapshots(families);
    }

    private static GaugeSnapshot realmGauge(String name, String help, List<RealmInfo> realms,
            ToDoubleFunction<RealmInfo> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(PREFIX + name).help(help);
        for (RealmInfo realm : realms) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("realm", realm.name()))
                    .value(value.applyAsDouble(realm)).build());
        }
        return gauge.build();
    }

    private static CounterSnapshot byRealmAndKey(String name, String help, String keyLabel, List<RealmInfo> realms,
            java.util.function.Function<RealmInfo, Map<String, Long>> counts) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(PREFIX + name).help(help);
        for (RealmInfo realm : realms) {
            counts.apply(realm).forEach((key, count) -> counter.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(Labels.of("realm", realm.name(), keyLabel, key)).value(count).build()));
        }
        return counter.build();
    }

    private static GaugeSnapshot connections(List<ListenerSample> listeners) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(PREFIX + "transport_connections")
                .help("Connections open on the transport listener.");
        for (ListenerSample listener : listeners) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("listener", listener.name(), "transport", listener.transport()))
                    .value(listener.connections()).build());
        }
        return gauge.build();
    }

    /** One sample per address, value 1, so that a dashboard can show where each listener listens. */
    private static InfoSnapshot listenerInfo(List<ListenerSample> listeners) {
        InfoSnapshot.Builder info = InfoSnapshot.builder().name(PREFIX + "transport_listener")
                .help("Addresses the transport listeners accept connections on.");
        for (ListenerSample listener : listeners) {
            for (String address : listener.addresses()) {
                info.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("listener", listener.name(),
                        "transport", listener.transport(), "address", address)).build());
            }
        }
        return info.build();
    }

    private static void addIfAny(List<MetricSnapshot> families, MetricSnapshot family) {
        if (!family.getDataPoints().isEmpty()) {
            families.add(family);
        }
    }
}
