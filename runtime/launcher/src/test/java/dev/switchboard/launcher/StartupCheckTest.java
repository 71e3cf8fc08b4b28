package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.launcher.Feature.FeatureConfiguration;
import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupCheckTest {

    private static PlannedConfiguration configuration(String pid, String factoryPid, String name) {
        return new PlannedConfiguration(new FeatureConfiguration(pid, factoryPid, name, Map.of()), new Hashtable<>(),
                "feature test.json");
    }

    @Test
    void realmsAndTransportsAreExpectedOtherConfigurationsAreNot() {
        List<StartupCheck.Expectation> expectations = StartupCheck.expectations(List.of(
                configuration("dev.switchboard.realm~realm1", "dev.switchboard.realm", "realm1"),
                configuration("dev.switchboard.transport.websocket~default", "dev.switchboard.transport.websocket",
                        "default"),
                configuration("org.example.pid", null, null)));
        assertEquals(2, expectations.size());
        assertEquals("(&(wamp.realm=*)(service.pid=dev.switchboard.realm~realm1))", expectations.get(0).filter());
        assertEquals("(&(objectClass=dev.switchboard.api.router.TransportListener)"
                + "(service.pid=dev.switchboard.transport.websocket~default))", expectations.get(1).filter());
    }

    @Test
    void theTimeoutMessageNamesConfigurationFeatureAndService() {
        StartupCheck.Expectation transport = StartupCheck.expectations(List.of(configuration(
                "dev.switchboard.transport.websocket~default", "dev.switchboard.transport.websocket", "default")))
                .get(0);
        assertEquals("transport dev.switchboard.transport.websocket~default (feature test.json) has no"
                + " TransportListener service after 10 s; the log above should say why (port or socket path in use?)",
                transport.missingMessage(Duration.ofSeconds(10)));
    }

    @Test
    void filterValuesAreEscaped() {
        assertEquals("a\\(b\\)\\*c\\\\", StartupCheck.escape("a(b)*c\\"));
    }

    @Test
    void failureSummariesKeepTheFirstLineAndTheRootCause() {
        String trace = """
                java.lang.IllegalStateException: cannot listen on 127.0.0.1:8080
                \tat x.y(Z.java:1)
                Caused by: java.io.IOException: Failed to bind to /127.0.0.1:8080
                \tat a.b(C.java:2)
                Caused by: java.net.BindException: Address already in use
                \t... 46 more""";
        assertEquals("java.lang.IllegalStateException: cannot listen on 127.0.0.1:8080"
                + " (Caused by: java.net.BindException: Address already in use)", ComponentFailures.summary(trace));
        assertEquals("java.lang.RuntimeException: x", ComponentFailures.summary("java.lang.RuntimeException: x"));
    }

    @Test
    void listenerAddressesMayComeAsArrayCollectionOrString() {
        assertEquals(List.of("ws://a", "ws://b"), NodeReport.strings(new String[] {"ws://a", "ws://b"}));
        assertEquals(List.of("ws://a"), NodeReport.strings(List.of("ws://a")));
        assertEquals(List.of("ws://a"), NodeReport.strings("ws://a"));
        assertEquals(List.of(), NodeReport.strings(null));
    }
}
