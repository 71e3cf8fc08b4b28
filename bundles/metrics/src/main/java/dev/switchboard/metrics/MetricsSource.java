package dev.switchboard.metrics;

import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.router.TransportListener;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.CollectionType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The one place that reads the router and the transports, shared by the Prometheus servlet and the MXBean, which
 * reference it as a service (a private one: nothing outside this bundle can see the class).
 */
@Component(service = MetricsSource.class)
public final class MetricsSource {

    @Reference
    private RouterAdmin admin;

    @Reference(service = TransportListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            collectionType = CollectionType.TUPLE)
    private volatile List<Map.Entry<Map<String, Object>, TransportListener>> listeners = List.of();

    /** For Declarative Services. */
    public MetricsSource() {
    }

    /** For tests. */
    MetricsSource(RouterAdmin admin, List<Map.Entry<Map<String, Object>, TransportListener>> listeners) {
        this.admin = admin;
        this.listeners = listeners;
    }

    NodeSnapshot read() {
        List<ListenerSample> samples = listeners.stream().map(e -> ListenerSample.of(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(ListenerSample::name)).toList();
        return new NodeSnapshot(admin.realms(), samples);
    }

    @Override
    public String toString() {
        return "MetricsSource[listeners=" + listeners.size() + "]";
    }
}
