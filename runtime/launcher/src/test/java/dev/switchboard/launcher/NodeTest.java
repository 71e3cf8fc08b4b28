package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.fixture.FakeRealmProvider;
import dev.switchboard.launcher.fixture.RefusingActivator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Starts real Felix nodes in this JVM, with bundles from the local repository and fixture bundles. */
class NodeTest {

    private static final String CONFIGADMIN = System.getProperty("switchboard.test.configadmin");
    private static final String SCR = System.getProperty("switchboard.test.scr");
    private static final String FAKE_ROUTER = "test:fake-router:1";

    @TempDir
    Path directory;

    private TestHome home;
    private final AtomicReference<Framework> framework = new AtomicReference<>();

    @BeforeEach
    void home() throws Exception {
        home = new TestHome(directory.resolve("runtime"))
                .realJar(CONFIGADMIN)
                .jar(FAKE_ROUTER, TestBundles.withActivator(Files.createDirectories(directory.resolve("fixtures")),
                        "test.fake.router", FakeRealmProvider.class, "org.osgi.framework,org.osgi.service.cm"));
    }

    @AfterEach
    void stopFramework() {
        if (framework.get() != null) {
            Node.stop(framework.get());
        }
    }

    private Framework start(Duration timeout) throws LauncherException {
        Node node = new Node(home.layout, Placeholders.defaultsOnly(), timeout, false, new NodeLog());
        return node.start(framework::set);
    }

    private String startFailure(Duration timeout) {
        LauncherException e = assertThrows(LauncherException.class, () -> start(timeout));
        assertNotEquals(Bundle.ACTIVE, framework.get().getState(), "a failed start stops the framework");
        return e.getMessage();
    }

    @Test
    void startsAppliesTypedConfigurationsAndWaitsForTheRealm() throws Exception {
        home.feature("core.json", """
                {"id": "t:core:osgifeature:1",
                 "bundles": [{"id": "%s", "start-order": 1}, {"id": "%s", "start-order": 2}],
                 "configurations": {"dev.switchboard.realm~realm1": {
                   "name": "realm1", "limit:Integer": "${switchboard.test.unset.limit:-42}"}}}"""
                .formatted(CONFIGADMIN, FAKE_ROUTER));
        Framework started = start(Duration.ofSeconds(10));

        BundleContext context = started.getBundleContext();
        assertEquals(Bundle.ACTIVE, started.getState());
        assertEquals(List.of("realm1"), NodeReport.realms(context));
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        Configuration[] configurations = context.getService(reference)
                .listConfigurations("(service.pid=dev.switchboard.realm~realm1)");
        assertEquals(1, configurations.length);
        assertEquals(42, configurations[0].getProperties().get("limit"), "typed Integer, not the string");
        assertEquals(1, started.getBundleContext().getBundles()[1].adapt(
                org.osgi.framework.startlevel.BundleStartLevel.class).getStartLevel());
        assertTrue(Files.isDirectory(home.layout.deploy()));
    }

    @Test
    void aTransportThatNeverListensFailsTheStartNamingItsConfiguration() throws Exception {
        home.feature("core.json", """
                {"id": "t:core:osgifeature:1", "bundles": ["%s"],
                 "configurations": {"dev.switchboard.transport.websocket~default": {"port:Integer": 8080}}}"""
                .formatted(CONFIGADMIN));
        assertEquals("transport dev.switchboard.transport.websocket~default (feature core.json) has no"
                + " TransportListener service after 1 s; the log above should say why (port or socket path in use?)",
                startFailure(Duration.ofSeconds(1)));
    }

    @Test
    void aBundleThatDoesNotResolveIsNamedWithTheMissingRequirement() throws Exception {
        // SCR without the DS, promise and function API bundles cannot resolve.
        home.realJar(SCR).feature("core.json", "{\"id\": \"t:core:osgifeature:1\", \"bundles\": [\"%s\"]}"
                .formatted(SCR));
        String message = startFailure(Duration.ofSeconds(1));
        assertTrue(message.startsWith("bundle org.apache.felix.scr "), message);
        assertTrue(message.contains("(" + SCR + ", feature core.json) did not start: "), message);
        assertTrue(message.contains("missing requirement"), message);
    }

    @Test
    void aBundleWhoseActivatorFailsIsNamedWithTheException() throws Exception {
        home.jar("test:refusing:1", TestBundles.withActivator(directory.resolve("fixtures"), "test.refusing",
                RefusingActivator.class, "org.osgi.framework"))
                .feature("core.json", "{\"id\": \"t:core:osgifeature:1\", \"bundles\": [\"test:refusing:1\"]}");
        String message = startFailure(Duration.ofSeconds(1));
        assertTrue(message.startsWith("bundle test.refusing 1.0.0 (test:refusing:1, feature core.json) did not start"),
                message);
        assertTrue(message.contains("caused by java.lang.IllegalStateException: fixture refuses to start"), message);
    }

    @Test
    void configurationsWithoutConfigurationAdminFailTheStart() throws Exception {
        home.feature("core.json", """
                {"id": "t:core:osgifeature:1", "bundles": ["%s"], "configurations": {"org.example": {"a": 1}}}"""
                .formatted(FAKE_ROUTER));
        // the fake router needs org.osgi.service.cm, which the system bundle exports: it starts without ConfigAdmin
        String message = startFailure(Duration.ofSeconds(1));
        assertTrue(message.startsWith("the features define configurations, but no Configuration Admin service"),
                message);
    }

    @Test
    void aSecondNodeOnTheSameCacheIsRefusedBeforeItCleansIt() throws Exception {
        home.feature("core.json", "{\"id\": \"t:core:osgifeature:1\", \"bundles\": [\"%s\"]}".formatted(CONFIGADMIN));
        start(Duration.ofSeconds(5));
        Node second = new Node(home.layout, Placeholders.defaultsOnly(), Duration.ofSeconds(1), false, new NodeLog());
        LauncherException e = assertThrows(LauncherException.class, () -> second.start(ignored -> { }));
        assertTrue(e.getMessage().startsWith("another node is running on the framework cache "), e.getMessage());
        assertEquals(Bundle.ACTIVE, framework.get().getState(), "the first node is untouched");
        assertTrue(framework.get().getBundleContext().getBundles()[1].getState() == Bundle.ACTIVE);
    }

    @Test
    void aMissingJarFailsBeforeTheFrameworkExists() throws Exception {
        home.feature("core.json", "{\"id\": \"t:core:osgifeature:1\", \"bundles\": [\"org.example:gone:1\"]}");
        LauncherException e = assertThrows(LauncherException.class, () -> start(Duration.ofSeconds(1)));
        assertEquals("missing bundle in system/:\n  feature core.json names org.example:gone:1, but"
                + " system/org/example/gone/1/gone-1.jar does not exist", e.getMessage());
        assertEquals(null, framework.get());
    }
}
