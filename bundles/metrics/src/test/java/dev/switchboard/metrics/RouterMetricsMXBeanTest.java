package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

class RouterMetricsMXBeanTest {

    /** A server of its own (newMBeanServer keeps no reference), so tests do not touch the platform's. */
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final JmxMetrics jmx = new JmxMetrics();

    @Test
    void totalsAndPerRealmCompositesAreOpenData() throws Exception {
        jmx.register(server, Fixtures.source(List.of(Fixtures.REALM1, Fixtures.QUIET)));
        ObjectName name = new ObjectName(JmxMetrics.OBJECT_NAME);
        assertEquals(3, server.getAttribute(name, "Sessions"));
        assertEquals(20L, server.getAttribute(name, "MessagesReceived"));
        assertEquals(2, server.getAttribute(name, "Connections"));

        CompositeData[] realms = (CompositeData[]) server.getAttribute(name, "Realms");
        assertEquals(2, realms.length);
        assertEquals("realm1", realms[0].get("name"));
        assertEquals(1, realms[0].get("pendingCalls"));
        TabularData received = (TabularData) realms[0].get("messagesReceivedByType");
        assertEquals(5L, received.get(new Object[] {"CALL"}).get("value"));

        CompositeData[] transports = (CompositeData[]) server.getAttribute(name, "Transports");
        assertEquals("websocket", transports[0].get("name"));
        assertEquals(2, ((String[]) transports[0].get("addresses")).length);
    }

    @Test
    void registeringAgainReplacesALeftoverAndUnregisterRemovesIt() throws Exception {
        jmx.register(server, Fixtures.source(List.of()));
        new JmxMetrics().register(server, Fixtures.source(List.of(Fixtures.REALM1)));
        ObjectName name = new ObjectName(JmxMetrics.OBJECT_NAME);
        assertEquals(3, server.getAttribute(name, "Sessions"));
        jmx.unregister();
        assertEquals(false, server.isRegistered(name));
        jmx.unregister(); // twice is harmless
    }
}
