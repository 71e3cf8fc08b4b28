package dev.switchboard.launcher;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The files through which {@code stop} and {@code status} find a running node: {@code run/node.pid} (written once
 * the node holds its framework cache, so a second start cannot overwrite a running node's) and
 * {@code run/node.status.json} (what the node offers, rewritten when that changes). Both are removed when the node
 * stops; a node killed with SIGKILL leaves them, and they are then recognised as stale by the pid.
 */
public final class RunFiles {

    /** Every launcher process has this on its command line; a pid that lost it was reused by another program. */
    static final String MAIN_CLASS = "dev.switchboard.launcher.Main";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path run;

    public RunFiles(Path run) {
        this.run = run;
    }

    public Path pidFile() {
        return run.resolve("node.pid");
    }

    public Path statusFile() {
        return run.resolve("node.status.json");
    }

    public void writePid() throws LauncherException {
        try {
            Files.createDirectories(run);
            write(pidFile(), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new LauncherException("cannot write " + pidFile() + ": " + e);
        }
    }

    public void writeStatus(JsonObject status) {
        try {
            write(statusFile(), GSON.toJson(status) + "\n");
        } catch (IOException e) {
            // status is informative; the node runs on
        }
    }

    public Optional<JsonObject> readStatus() {
        try {
            return Optional.of(JsonParser.parseString(Files.readString(statusFile())).getAsJsonObject());
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Removes both files, unless they belong to another node by now (one started on another cache). */
    public void remove() {
        if (recordedPid().filter(pid -> pid != ProcessHandle.current().pid()).flatMap(ProcessHandle::of)
                .filter(RunFiles::isLauncher).isPresent()) {
            return;
        }
        try {
            Files.deleteIfExists(pidFile());
            Files.deleteIfExists(statusFile());
        } catch (IOException e) {
            // the next start overwrites them
        }
    }

    /** The pid in the pid file, whether or not that process still runs. */
    public Optional<Long> recordedPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The running node, if the pid file names a live launcher process. */
    public Optional<ProcessHandle> runningNode() {
        return recordedPid().flatMap(ProcessHandle::of).filter(RunFiles::isLauncher);
    }

    static boolean isLauncher(ProcessHandle process) {
        return process.isAlive() && process.info().commandLine().map(line -> line.contains(MAIN_CLASS))
                .orElse(true); // no command line to see (another user's process): trust the pid file
    }

    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
