package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which bundle provides a component class, per JVM, and what config.json's check says when none does. */
class ComponentBundlesTest {

    @TempDir
    Path directory;

    static Path jar(Path file, String... classes) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (String name : classes) {
                jar.putNextEntry(new JarEntry(name.replace('.', '/') + ".class"));
                jar.closeEntry();
            }
        }
        return file;
    }

    @Test
    void deployComesFirstThenSystem() throws Exception {
        NodeLayout runtime = new NodeLayout(directory.resolve("runtime"));
        NodeDirectory node = new NodeDirectory(directory.resolve("node"));
        Path system = jar(runtime.system().resolve("com/example/app/1.0/app-1.0.jar"), "com.example.A", "com.example.B");
        Path deployed = jar(node.deploy().resolve("b.jar"), "com.example.B");
        Path worker = jar(node.workerDeploy("c1").resolve("c.jar"), "com.example.C");
        ComponentBundles router = ComponentBundles.forRouter(runtime, node);
        assertEquals(new ComponentBundles.Located(system, true), router.locate("com.example.A").orElseThrow());
        assertEquals(new ComponentBundles.Located(deployed, false), router.locate("com.example.B").orElseThrow());
        assertFalse(router.locate("com.example.C").isPresent(), "a worker's deploy/ is not the router's");
        ComponentBundles container = ComponentBundles.forContainer(runtime, node, "c1");
        assertEquals(new ComponentBundles.Located(worker, false), container.locate("com.example.C").orElseThrow());
        assertEquals(new ComponentBundles.Located(system, true), container.locate("com.example.B").orElseThrow(),
                "the router's deploy/ is not the container's");
        assertEquals(ArtifactId.parse("com.example:app:1.0"), router.artifactOf(system));
        assertEquals("system:b:0", router.artifactOf(deployed).toString());
    }

    @Test
    void theCheckNamesAComponentWhoseClassNoBundleProvides() throws Exception {
        NodeLayout runtime = new NodeLayout(directory.resolve("runtime"));
        NodeDirectory node = new NodeDirectory(directory.resolve("node"));
        jar(node.workerDeploy("c1").resolve("c.jar"), "com.example.C");
        String json = """
                {"version": 2, "workers": [
                  {"type": "router", "realms": [{"name": "realm1"}], "transports": [
                    {"type": "rawsocket", "endpoint": {"type": "unix", "path": "r.sock"}}],
                   "components": [{"type": "class", "classname": "com.example.C", "realm": "realm1"}]},
                  {"type": "container", "id": "c1", "components": [
                    {"type": "class", "classname": "com.example.C", "realm": "realm1",
                     "transport": {"type": "rawsocket", "endpoint": {"type": "unix", "path": "r.sock"}}}]}]}""";
        ConfigLoader.Loaded loaded = ConfigLoader.check(json, node, runtime);
        assertEquals(List.of("workers[0].components[0].classname: no bundle provides class com.example.C (looked in "
                + node.deploy() + ", " + runtime.deploy() + ", " + runtime.system() + ")"),
                loaded.problems().errors());
        assertFalse(loaded.ok());
        jar(runtime.system().resolve("x/c/1/c-1.jar"), "com.example.C");
        assertTrue(ConfigLoader.check(json, node, runtime).ok());
    }
}
