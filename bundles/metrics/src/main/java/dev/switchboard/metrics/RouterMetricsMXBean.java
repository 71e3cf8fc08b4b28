package dev.switchboard.metrics;

import java.util.List;

/**
 * The node's counters and gauges in JMX, as {@value JmxMetrics#OBJECT_NAME}: totals for a quick look in a JMX
 * console, and per realm and per listener in full. Every attribute read asks the router afresh.
 */
public interface RouterMetricsMXBean {

    int getSessions();

    long getMessagesReceived();

    long getMessagesSent();

    int getConnections();

    List<RealmMetrics> getRealms();

    List<TransportMetrics> getTransports();
}
