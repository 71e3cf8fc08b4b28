package dev.switchboard.launcher;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code switchboard status [--cbdir DIR]}: running or not, and what the node's status file says it offers. */
final class StatusCommand {

    private StatusCommand() {
    }

    static int run(RunFiles files, String what, PrintStream out) {
        Optional<ProcessHandle> node = files.runningNode();
        if (node.isEmpty()) {
            out.println("Node for " + what + ": not running" + staleNote(files));
            return Main.NOT_RUNNING;
        }
        JsonObject status = files.readStatus().orElse(new JsonObject());
        out.println("Node for " + what + ": running, pid " + node.get().pid()
                + (status.has("started") ? ", since " + status.get("started").getAsString() : ""));
        line(out, "controller", text(status, "controller"));
        line(out, "node key", text(status, "publicKey"));
        if (!status.has("listeners")) {
            out.println("  (starting)");
            return Main.OK;
        }
        line(out, "realms", String.join(", ", strings(status.get("realms"))));
        List<String> listeners = strings(status.get("listeners"));
        for (int i = 0; i < listeners.size(); i++) {
            line(out, i == 0 ? "listening on" : "", listeners.get(i));
        }
        if (status.get("containers") instanceof JsonArray containers) {
            for (JsonElement element : containers) {
                JsonObject container = element.getAsJsonObject();
                out.println("  container " + text(container, "id") + ": " + text(container, "state")
                        + (container.has("pid") ? ", pid " + container.get("pid").getAsLong() : "")
                        + ", " + container.get("restarts").getAsInt() + " restarts, since "
                        + text(container, "since"));
            }
        }
        return Main.OK;
    }

    /** When the pid file names a process that is gone (the node was killed), says so and removes the files. */
    static String staleNote(RunFiles files) {
        if (!Files.exists(files.pidFile())) {
            return "";
        }
        String pid = files.recordedPid().map(String::valueOf).orElse("?");
        files.remove();
        return " (removed the stale pid file of pid " + pid + ": that node ended without stopping)";
    }

    private static void line(PrintStream out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.println("  " + String.format("%-13s", label) + " " + value);
        }
    }

    private static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static List<String> strings(JsonElement array) {
        List<String> strings = new ArrayList<>();
        if (array instanceof JsonArray values) {
            values.forEach(value -> strings.add(value.getAsString()));
        }
        return strings;
    }
}
