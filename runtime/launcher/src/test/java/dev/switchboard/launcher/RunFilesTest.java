package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pid and status files that stop and status go by, and what they say when no node runs. */
class RunFilesTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void withoutAPidFileNothingRuns() {
        RunFiles files = new RunFiles(directory);
        assertEquals(Main.NOT_RUNNING, StatusCommand.run(files, "/n", print));
        assertEquals(Main.NOT_RUNNING, StopCommand.run(files, "/n", print, print));
        assertEquals("Node for /n: not running\nNo node is running for /n\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPidFileOfAnEndedProcessIsStaleAndRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        RunFiles files = new RunFiles(directory);
        Files.writeString(files.pidFile(), ended.pid() + "\n");
        assertEquals(Main.NOT_RUNNING, StatusCommand.run(files, "/n", print));
        assertEquals("Node for /n: not running (removed the stale pid file of pid " + ended.pid()
                + ": that node ended without stopping)\n", out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(files.pidFile()));
    }

    @Test
    void aLiveProcessThatIsNoLauncherIsNotANode() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            RunFiles files = new RunFiles(directory);
            Files.writeString(files.pidFile(), sleeper.pid() + "\n");
            assertTrue(files.runningNode().isEmpty(), "a reused pid is not taken for the node");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void theStatusOfThisProcessIsPrinted() throws Exception {
        RunFiles files = new RunFiles(directory);
        files.writePid();
        NodeStatus status = new NodeStatus(files, new NodeLayout(directory), "node1", "ab".repeat(32));
        status.router(List.of("realm1"), List.of("ws://127.0.0.1:8080/ws", "rawsocket+unix:/x/run/router.sock"));
        status.container("c1", 4242L, "running", 2);
        // this JVM is no launcher (no Main on its command line): ask the status command about the files only
        assertTrue(files.readStatus().isPresent());
        assertEquals(ProcessHandle.current().pid(), files.recordedPid().orElseThrow());
        String json = Files.readString(files.statusFile());
        assertTrue(json.contains("\"realms\": [\n    \"realm1\"\n  ]"), json);
        assertTrue(json.contains("\"pid\": 4242"), json);
        files.remove();
        assertFalse(Files.exists(files.pidFile()) || Files.exists(files.statusFile()));
    }
}
