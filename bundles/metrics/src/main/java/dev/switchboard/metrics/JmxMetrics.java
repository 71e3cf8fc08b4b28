package dev.switchboard.metrics;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Registers {@link RouterMetricsMXBean} on the platform MBean server while the router is there. */
@Component(service = {})
public final class JmxMetrics {
    static final String OBJECT_NAME = "dev.switchboard:type=RouterMetrics";

    @Reference
    private MetricsSource source;

    private MBeanServer server;
    private ObjectName name;

    /** For Declarative Services. */
    public JmxMetrics() {
    }

    @Activate
    void activate() throws JMException {
        register(ManagementFactory.getPlatformMBeanServer(), source);
    }

    @Deactivate
    void deactivate() {
        unregister();
    }

    void register(MBeanServer mbeanServer, MetricsSource metrics) throws JMException {
        server = mbeanServer;
        name = new ObjectName(OBJECT_NAME);
        RouterMetrics bean = new RouterMetrics(metrics::read);
        try {
            server.registerMBean(bean, name);
        } catch (InstanceAlreadyExistsException e) {
            // Left by an earlier activation that did not get to deactivate (a refreshed bundle): ours replaces it.
            server.unregisterMBean(name);
            server.registerMBean(bean, name);
        }
    }

    void unregister() {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            throw new IllegalStateException("cannot unregister " + name + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "JmxMetrics[" + name + "]";
    }
}
