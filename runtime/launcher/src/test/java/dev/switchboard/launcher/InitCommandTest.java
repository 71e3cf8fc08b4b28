package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init with the real template (and a stand-in web/ when the template has none yet). */
class InitCommandTest {

    @TempDir
    Path directory;

    private NodeLayout runtime;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void runtime() throws Exception {
        runtime = new NodeLayout(directory.resolve("runtime"));
        Path template = runtime.templates().resolve("default");
        Files.createDirectories(template.resolve("web"));
        Files.copy(Path.of(System.getProperty("switchboard.test.template")), template.resolve("config.json"));
        Files.writeString(template.resolve("web/index.html"), "<html></html>");
    }

    private void init(NodeDirectory node, boolean force) throws LauncherException {
        new InitCommand(runtime, new PrintStream(out, true, StandardCharsets.UTF_8)).run(node, force);
    }

    @Test
    void initMakesANodeDirectoryThatChecksOk() throws Exception {
        NodeDirectory node = new NodeDirectory(directory.resolve("test1"));
        init(node, false);
        for (String path : new String[] {"config.json", "web/index.html", "key.priv", "key.pub", "deploy",
            "deploy/container1", "log", "run", "data"}) {
            assertTrue(Files.exists(node.root().resolve(path)), path);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("switchboard start --cbdir " + node.root()), printed);
        ConfigLoader.Loaded loaded = ConfigLoader.check(Files.readString(node.config()), node, runtime);
        // the demo classes are in no bundle of this test runtime; everything else is fine
        assertEquals(2, loaded.problems().errorCount(), loaded.problems().errors().toString());
        assertTrue(loaded.problems().errors().get(0).startsWith("workers[0].components[0].classname: no bundle"
                + " provides class dev.switchboard.demo.TimeService (looked in " + node.deploy() + ", "
                + runtime.deploy() + ", " + runtime.system() + ")"), loaded.problems().errors().get(0));
    }

    @Test
    void anExistingNodeDirectoryIsRefusedUnlessForced() throws Exception {
        NodeDirectory node = new NodeDirectory(directory.resolve("test1"));
        init(node, false);
        String key = NodeKeys.load(node);
        Files.writeString(node.config(), "{}");
        LauncherException e = assertThrows(LauncherException.class, () -> init(node, false));
        assertEquals(node.root() + " is a node directory already (it has config.json); add --force to write the"
                + " template over it (keys are kept)", e.getMessage());
        init(node, true);
        assertEquals(key, NodeKeys.load(node), "forced init keeps the node's identity");
        assertTrue(Files.readString(node.config()).contains("\"version\": 2"));
    }

    @Test
    void aDirectoryWithOtherFilesIsRefused() throws Exception {
        Path other = Files.createDirectories(directory.resolve("photos"));
        Files.writeString(other.resolve("cat.jpg"), "");
        LauncherException e = assertThrows(LauncherException.class, () -> init(new NodeDirectory(other), false));
        assertEquals(other + " is not empty; choose a new directory, or add --force", e.getMessage());
    }
}
