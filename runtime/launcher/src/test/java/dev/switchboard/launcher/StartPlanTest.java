package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.StartPlan.PlannedBundle;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartPlanTest {

    @TempDir
    Path directory;

    private StartPlan plan(TestHome home) throws LauncherException {
        return StartPlan.of(home.layout.readFeatures(), home.layout, Placeholders.defaultsOnly());
    }

    @Test
    void bundlesStartByLevelThenInFeatureOrder() throws Exception {
        TestHome home = new TestHome(directory)
                .feature("a.json", """
                        {"id": "f:a:osgifeature:1", "bundles": [
                          {"id": "g:late:1", "start-order": 5}, "g:default:1", {"id": "g:first:1", "start-order": 1}]}""")
                .feature("b.json", """
                        {"id": "f:b:osgifeature:1", "bundles": [{"id": "g:also-first:1", "start-order": 1}]}""")
                .placeholderJar("g:late:1").placeholderJar("g:default:1").placeholderJar("g:first:1")
                .placeholderJar("g:also-first:1");
        StartPlan plan = plan(home);
        assertEquals("first also-first late default", String.join(" ",
                plan.bundles().stream().map(bundle -> bundle.id().artifactId()).toList()));
        assertEquals(StartPlan.DEFAULT_START_LEVEL, plan.bundles().get(3).startLevel());
        assertEquals(StartPlan.DEFAULT_START_LEVEL, plan.beginningStartLevel());
        PlannedBundle first = plan.bundles().get(0);
        assertEquals(home.layout.system().resolve("g/first/1/first-1.jar"), first.file());
        assertEquals("feature a.json", first.feature());
    }

    @Test
    void theBeginningLevelCoversTheHighestStartOrder() throws Exception {
        TestHome home = new TestHome(directory).feature("a.json", """
                {"id": "f:a:osgifeature:1", "bundles": [{"id": "g:a:1", "start-order": 30}]}""").placeholderJar("g:a:1");
        assertEquals(30, plan(home).beginningStartLevel());
    }

    @Test
    void aBundleNamedTwiceIsInstalledOnceAtTheLowerLevel() throws Exception {
        TestHome home = new TestHome(directory)
                .feature("a.json", "{\"id\": \"f:a:osgifeature:1\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": 8}]}")
                .feature("b.json", "{\"id\": \"f:b:osgifeature:1\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": 2}]}")
                .placeholderJar("g:a:1");
        StartPlan plan = plan(home);
        assertEquals(1, plan.bundles().size());
        assertEquals(2, plan.bundles().get(0).startLevel());
        assertEquals("feature a.json", plan.bundles().get(0).feature());
    }

    @Test
    void everyMissingJarIsNamedWithItsFeatureAndPath() throws Exception {
        TestHome home = new TestHome(directory)
                .feature("core.json", "{\"id\": \"f:core:osgifeature:1\", \"bundles\": [\"g:present:1\", \"org.x:gone:2\"]}")
                .feature("web.json", "{\"id\": \"f:web:osgifeature:1\", \"bundles\": [\"org.y:lost:jar:light:3\"]}")
                .placeholderJar("g:present:1");
        LauncherException e = assertThrows(LauncherException.class, () -> plan(home));
        assertEquals("""
                missing bundles in system/:
                  feature core.json names org.x:gone:2, but system/org/x/gone/2/gone-2.jar does not exist
                  feature web.json names org.y:lost:jar:light:3, but system/org/y/lost/3/lost-3-light.jar does not exist""",
                e.getMessage());
    }

    @Test
    void configurationsAreConvertedBeforeAnythingStarts() throws Exception {
        TestHome home = new TestHome(directory).feature("ws.json", """
                {"id": "f:ws:osgifeature:1", "configurations": {
                  "dev.switchboard.transport.websocket~default": {"port:Integer": "${switchboard.test.unset.port:-8080}"}}}""");
        StartPlan plan = plan(home);
        assertEquals(1, plan.configurations().size());
        assertEquals(8080, plan.configurations().get(0).properties().get("port"));
        assertEquals("feature ws.json", plan.configurations().get(0).feature());
    }

    @Test
    void aBadConfigurationValueFailsThePlan() throws IOException {
        TestHome home = new TestHome(directory).feature("ws.json", """
                {"id": "f:ws:osgifeature:1", "configurations": {"p": {"port:Integer": "http"}}}""");
        LauncherException e = assertThrows(LauncherException.class, () -> plan(home));
        assertEquals("feature ws.json, configuration p, property port:Integer: 'http' is not a Integer", e.getMessage());
    }

    @Test
    void aConfigurationDefinedTwiceIsAnError() throws IOException {
        TestHome home = new TestHome(directory)
                .feature("a.json", "{\"id\": \"f:a:osgifeature:1\", \"configurations\": {\"p\": {}}}")
                .feature("b.json", "{\"id\": \"f:b:osgifeature:1\", \"configurations\": {\"p\": {}}}");
        LauncherException e = assertThrows(LauncherException.class, () -> plan(home));
        assertTrue(e.getMessage().contains("feature a.json and feature b.json"), e.getMessage());
    }
}
