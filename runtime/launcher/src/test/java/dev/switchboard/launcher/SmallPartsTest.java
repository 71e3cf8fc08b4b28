package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.StartPlan.Additions;
import dev.switchboard.launcher.config.ConfigMapping;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's log lines in the node's log, live configuration's comparison, config.json in the start plan, the
 * Jetty setting that keeps JMX out of the node.
 */
class SmallPartsTest {

    @TempDir
    Path directory;

    @Test
    void aContainersLinesGetTheNodesTimeAndTheWorkersName() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            NodeLog log = new NodeLog();
            String level = log.worker("container1", "WARN TickService - lost the router", "INFO");
            assertEquals("WARN", level);
            assertEquals("WARN", log.worker("container1", "\tat dev.switchboard.demo.TickService.tick", level));
        } finally {
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN \\[container1\\]"
                + " TickService - lost the router"), lines[0]);
        assertTrue(lines[1].endsWith(" WARN [container1] \tat dev.switchboard.demo.TickService.tick"), lines[1]);
    }

    @Test
    void propertiesCompareByValueArraysIncluded() {
        Dictionary<String, Object> one = new Hashtable<>(Map.of("name", "r", "eventHistory", new String[] {"a"}));
        Dictionary<String, Object> same = new Hashtable<>(Map.of("name", "r", "eventHistory", new String[] {"a"}));
        Dictionary<String, Object> other = new Hashtable<>(Map.of("name", "r", "eventHistory", new String[] {"b"}));
        assertTrue(LiveConfiguration.sameProperties(one, same));
        assertFalse(LiveConfiguration.sameProperties(one, other));
        assertFalse(LiveConfiguration.sameProperties(one, new Hashtable<>(Map.of("name", "r"))));
    }

    @Test
    void configJsonReplacesTheFeaturesRealmsAndTransportsButNotTheirOtherConfigurations() throws Exception {
        TestHome home = new TestHome(directory).feature("core.json", """
                {"id": "t:core:osgifeature:1", "configurations": {
                  "dev.switchboard.realm~realm1": {"name": "realm1"},
                  "dev.switchboard.transport.websocket~default": {"port:Integer": 8080},
                  "org.apache.felix.http": {"port": 8090}}}""");
        Additions additions = new Additions(List.of(), List.of(ConfigMapping.factory("dev.switchboard.realm", "app",
                Map.of("name", "app"))), ConfigMapping.OWNED_FACTORY_PIDS, "config.json");
        StartPlan plan = StartPlan.of(home.layout.readFeatures(), home.layout, Placeholders.defaultsOnly(), additions);
        assertEquals(Set.of("org.apache.felix.http", "dev.switchboard.realm~app"),
                Set.copyOf(plan.configurations().stream().map(StartPlan.PlannedConfiguration::pid).toList()));

        Additions clash = new Additions(List.of(), List.of(ConfigMapping.factory("org.apache", "felix.http",
                Map.of())), Set.of(), "config.json");
        TestHome other = new TestHome(directory.resolve("other")).feature("core.json", """
                {"id": "t:core:osgifeature:1", "configurations": {"org.apache~felix.http": {"a": 1}}}""");
        LauncherException e = assertThrows(LauncherException.class, () -> StartPlan.of(other.layout.readFeatures(),
                other.layout, Placeholders.defaultsOnly(), clash));
        assertEquals("configuration org.apache~felix.http is defined by both feature core.json and config.json;"
                + " keep one", e.getMessage());
    }

    @Test
    void aContainerRunsTheNodesJavaAndClassPath() {
        NodeDirectory node = new NodeDirectory(directory.resolve("node"));
        NodeLayout runtime = new NodeLayout(directory.resolve("runtime"));
        List<String> command = new ContainerSupervisor(runtime, node, new NodeLog(), null).command("c1");
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
        assertTrue(command.contains("-Dswitchboard.home=" + runtime.home()));
        assertEquals(List.of("dev.switchboard.launcher.Main", "container", "--cbdir", node.root().toString(),
                "--worker", "c1", "--config", node.runningConfig().toString()),
                command.subList(command.size() - 8, command.size()));
    }

    @Test
    void jettyIsToldTheReferencesPerCacheLineUnlessTheCommandLineDid() {
        assertEquals(16, Node.referencesPerCacheLine(2L << 30));
        assertEquals(8, Node.referencesPerCacheLine(64L << 30));
        String key = Node.JETTY_REFERENCES_PER_CACHE_LINE;
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            Node.presetJettyReferencesPerCacheLine();
            assertEquals(Integer.toString(Node.referencesPerCacheLine(Runtime.getRuntime().maxMemory())),
                    System.getProperty(key));
            System.setProperty(key, "4");
            Node.presetJettyReferencesPerCacheLine();
            assertEquals("4", System.getProperty(key));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
