package dev.switchboard.transport.websocket;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
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

import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.TransportListener;
import dev.switchboard.api.serializer.Serializer;

/**
 * The WebSocket transport: one component per factory configuration, each owning one {@link WebSocketListener}.
 * Registers a {@link TransportListener} service once listening, so that the launcher knows start-up worked; the
 * service is registered by hand (not by DS) because it must appear only after a successful bind.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.switchboard.api.router.TransportListener")
@Component(
        service = {},
        configurationPid = WebSocketTransport.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebSocketTransportConfig.class, factory = true)
public final class WebSocketTransport {

    static final String PID = "dev.switchboard.transport.websocket";

    @Reference
    Router router;

    /** Replaced as a whole by DS when serializers come and go; each upgrade reads the current list. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Serializer> serializers = List.of();

    private WebSocketListener listener;
    private ServiceRegistration<TransportListener> registration;

    @Activate
    void activate(BundleContext context, WebSocketTransportConfig config, Map<String, Object> properties) {
        ListenerSettings settings = ListenerSettings.from(config);
        listener = new WebSocketListener(settings, router, () -> serializers);
        listener.start();
        try {
            registration = context.registerService(TransportListener.class, listener,
                    serviceProperties(listener, settings, properties));
        } catch (RuntimeException e) { // e.g. the bundle is stopping: do not leave the port bound
            listener.stop();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister(); // first: nobody should pick a listener that is going away
            registration = null;
        }
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    static Hashtable<String, Object> serviceProperties(TransportListener listener, ListenerSettings settings,
                                                       Map<String, Object> componentProperties) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(TransportListener.ADDRESSES_PROPERTY, listener.addresses().toArray(String[]::new));
        properties.put("name", settings.name());
        Object pid = componentProperties.get(Constants.SERVICE_PID);
        if (pid != null) {
            properties.put(Constants.SERVICE_PID, pid);
        }
        return properties;
    }
}
