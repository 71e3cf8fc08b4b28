package dev.switchboard.client.remote;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.client.WampConnector;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One remote connector per factory configuration of {@value #PID}. The {@link WampConnector} service is
 * registered by hand because its {@code switchboard.connector} property is the configured {@code name}, which DS
 * cannot derive from another property. (The bundle's osgi.service capability for WampConnector comes from the
 * DS declaration of {@code LocalConnector}.)
 */
@Component(service = {}, configurationPid = RemoteConnectorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RemoteConnectorConfig.class, factory = true)
public final class RemoteConnectorComponent {
    static final String PID = "dev.switchboard.client.remote";

    /** Replaced as a whole by DS as serializers come and go; each connection attempt picks from the current list. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Serializer> serializers = List.of();

    private RawSocketConnector connector;
    private ServiceRegistration<WampConnector> registration;

    @Activate
    void activate(BundleContext context, RemoteConnectorConfig config) {
        RawSocketConnectorSettings settings = RawSocketConnectorSettings.from(config);
        connector = new RawSocketConnector(settings, () -> serializers).start();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(WampConnector.CONNECTOR_PROPERTY, settings.name());
        properties.put("switchboard.connector.url", settings.address().url());
        properties.put("switchboard.connector.serializer", settings.serializer());
        registration = context.registerService(WampConnector.class, connector, properties);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister(); // first: components using it deactivate and leave while it still works
            registration = null;
        }
        if (connector != null) {
            connector.close();
            connector = null;
        }
    }
}
