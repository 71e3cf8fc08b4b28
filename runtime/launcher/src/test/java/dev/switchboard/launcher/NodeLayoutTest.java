package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLayoutTest {

    @TempDir
    Path directory;

    @Test
    void directoriesAreUnderHome() {
        NodeLayout layout = new NodeLayout(directory.resolve("runtime/bin/.."));
        Path home = directory.resolve("runtime");
        assertEquals(home, layout.home());
        assertEquals(home.resolve("data/felix-cache"), layout.frameworkStorage());
        assertEquals(home.resolve("log/node.log"), layout.logFile());
        assertEquals(home.resolve("system/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"),
                layout.bundleFile(ArtifactId.parse("org.slf4j:slf4j-api:2.0.17")));
        assertEquals(Path.of("deploy"), layout.relative(layout.deploy()));
    }

    @Test
    void featuresAreReadInFileNameOrder() throws Exception {
        TestHome home = new TestHome(directory)
                .feature("websocket.json", "{\"id\": \"f:w:osgifeature:1\"}")
                .feature("core.json", "{\"id\": \"f:c:osgifeature:1\"}")
                .feature("notes.txt", "not a feature");
        assertEquals("f:c:osgifeature:1 f:w:osgifeature:1",
                String.join(" ", home.layout.readFeatures().stream().map(Feature::id).toList()));
    }

    @Test
    void aHomeWithoutFeaturesSaysWhichHome() throws Exception {
        Files.createDirectories(directory.resolve("features"));
        LauncherException e = assertThrows(LauncherException.class, () -> new NodeLayout(directory).readFeatures());
        assertEquals("no features/*.json in " + directory + ": nothing to run", e.getMessage());
    }

    @Test
    void aWrongHomeHintsAtTheProperty() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> new NodeLayout(directory.resolve("nowhere")).readFeatures());
        assertTrue(e.getMessage().contains("switchboard.home="), e.getMessage());
    }

    @Test
    void createDirectoriesMakesWhatTheNodeWritesTo() throws LauncherException {
        NodeLayout layout = new NodeLayout(directory);
        layout.createDirectories();
        for (String name : new String[] {"deploy", "data", "log", "run"}) {
            assertTrue(Files.isDirectory(directory.resolve(name)), name);
        }
    }

    @Test
    void checkFeaturesPassesAndFailsWithExitCodes() throws Exception {
        TestHome home = new TestHome(directory).feature("core.json",
                "{\"id\": \"f:c:osgifeature:1\", \"bundles\": [\"g:a:1\"]}");
        assertEquals(Main.FAILED, Main.checkFeatures(home.layout));
        home.placeholderJar("g:a:1");
        assertEquals(Main.OK, Main.checkFeatures(home.layout));
    }
}
