package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.admin.RealmInfo;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusMappingTest {

    @Test
    void realmGaugesAndCountersCarryTheRealmLabel() throws IOException {
        String text = exposition(Fixtures.source(List.of(Fixtures.REALM1)).read());
        assertTrue(text.contains("# TYPE switchboard_realm_sessions gauge\n"), text);
        assertTrue(text.contains("switchboard_realm_sessions{realm=\"realm1\"} 3.0\n"), text);
        assertTrue(text.contains("switchboard_realm_registrations{realm=\"realm1\"} 2.0\n"), text);
        assertTrue(text.contains("switchboard_realm_subscriptions{realm=\"realm1\"} 1.0\n"), text);
        assertTrue(text.contains("switchboard_realm_pending_calls{realm=\"realm1\"} 1.0\n"), text);
        assertTrue(text.contains("# TYPE switchboard_realm_messages_received_total counter\n"), text);
        assertTrue(text.contains("switchboard_realm_messages_received_total{realm=\"realm1\",type=\"CALL\"} 5.0\n"),
                text);
        assertTrue(text.contains("switchboard_realm_messages_sent_total{realm=\"realm1\",type=\"RESULT\"} 4.0\n"),
                text);
        assertTrue(text.contains("switchboard_realm_errors_total{realm=\"realm1\",uri=\"wamp.error.no_such_procedure\"}"
                + " 1.0\n"), text);
    }

    @Test
    void transportListenersGiveConnectionsAndOneInfoSamplePerAddress() throws IOException {
        String text = exposition(Fixtures.source(List.of()).read());
        assertTrue(text.contains("switchboard_transport_connections{listener=\"websocket\",transport=\"websocket\"}"
                + " 2.0\n"), text);
        assertTrue(text.contains("switchboard_transport_listener_info{address=\"ws://127.0.0.1:8080/ws\","
                + "listener=\"websocket\",transport=\"websocket\"} 1\n"), text);
        assertTrue(text.contains("switchboard_transport_listener_info{address=\"ws+unix:run/ws.sock\","), text);
    }

    @Test
    void familyWithoutSamplesIsLeftOut() throws IOException {
        String text = exposition(new NodeSnapshot(List.of(Fixtures.QUIET), List.of()));
        assertTrue(text.contains("switchboard_realm_sessions{realm=\"com.example.quiet\"} 0.0\n"), text);
        assertFalse(text.contains("messages_received"), "a realm without traffic has no message counters: " + text);
        assertFalse(text.contains("transport_connections"), text);
    }

    @Test
    void errorUriIsEscapedAsALabelValue() throws IOException {
        RealmInfo odd = new RealmInfo("realm1", 0, 0, 0, 0, 0, 1, Map.of(), Map.of("ERROR", 1L),
                Map.of("app.error.\"quoted\"\\slash", 1L));
        String text = exposition(new NodeSnapshot(List.of(odd), List.of()));
        assertTrue(text.contains("uri=\"app.error.\\\"quoted\\\"\\\\slash\"} 1.0"), text);
    }

    @Test
    void collectorReadsTheRouterOnEveryScrape() {
        int[] reads = {0};
        RouterCollector collector = new RouterCollector(() -> {
            reads[0]++;
            return new NodeSnapshot(List.of(Fixtures.REALM1), List.of());
        });
        collector.collect();
        collector.collect();
        assertEquals(2, reads[0]);
    }

    static String exposition(NodeSnapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, PrometheusMapping.toSnapshots(snapshot));
        return out.toString(StandardCharsets.UTF_8);
    }
}
