package dev.switchboard.transport.rawsocket;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.TransportListener;
import dev.switchboard.api.serializer.Serializer;

/**
 * The RawSocket transport: one component per factory configuration, each owning one {@link RawSocketListener}.
 * Registers a {@link TransportListener} service once listening, so that the launcher knows start-up worked; the
 * service is registered by hand (not by DS) because it must appear only after a successful bind. Same shape as the
 * WebSocket transport.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.switchboard.api.router.TransportListener")
@Component(
        service = {},
        configurationPid = RawSocketTransport.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RawSocketTransportConfig.class, factory = true)
public final class RawSocketTransport {

    static final String PID = "dev.switchboard.transport.rawsocket";
    private static final Logger LOG = LoggerFactory.getLogger(RawSocketTransport.class);

    @Reference
    Router router;

    /** Replaced as a whole by DS when serializers come and go; each handshake reads the current list. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Serializer> serializers = List.of();

    private RawSocketListener listener;
    private ServiceRegistration<TransportListener> registration;

    @Activate
    void activate(BundleContext context, RawSocketTransportConfig config, Map<String, Object> properties) {
        RawSocketSettings settings = RawSocketSettings.from(config);
        if (settings.maxMessageSize() != config.maxMessageSize()) {
            LOG.info("RawSocket listener '{}': maxMessageSize {} rounded down to {} (the handshake announces powers "
                    + "of two)", settings.name(), config.maxMessageSize(), settings.maxMessageSize());
        }
        listener = new RawSocketListener(settings, router, () -> serializers);
        listener.start();
        try {
            registration = context.registerService(TransportListener.class, listener,
                    serviceProperties(listener, settings, properties));
        } catch (RuntimeException e) { // e.g. the bundle is stopping: do not leave the port bound
            listener.stop();
            listener = null;
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

    /** For tests: the running listener, or {@code null}. */
    RawSocketListener listener() {
        return listener;
    }

    static Hashtable<String, Object> serviceProperties(TransportListener listener, RawSocketSettings settings,
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
