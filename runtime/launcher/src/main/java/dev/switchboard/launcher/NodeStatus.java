package dev.switchboard.launcher;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running node offers, kept in {@code run/node.status.json} for {@code switchboard status}: pid, start time,
 * realms, listener addresses and container workers. Updated by the start, by configuration changes and by the
 * container supervisor, from different threads.
 */
public final class NodeStatus {

    private final RunFiles files;
    private final JsonObject node = new JsonObject();
    private final Map<String, JsonObject> containers = new LinkedHashMap<>();

    public NodeStatus(RunFiles files, NodeLayout layout, String controllerId, String publicKey) {
        this.files = files;
        node.addProperty("pid", ProcessHandle.current().pid());
        node.addProperty("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        node.addProperty("home", layout.home().toString());
        if (!layout.state().equals(layout.home())) {
            node.addProperty("nodeDirectory", layout.state().toString());
        }
        if (controllerId != null) {
            node.addProperty("controller", controllerId);
        }
        if (publicKey != null) {
            node.addProperty("publicKey", publicKey);
        }
    }

    public synchronized void router(List<String> realms, List<String> listeners) {
        node.add("realms", array(realms));
        node.add("listeners", array(listeners));
        write();
    }

    public synchronized void container(String id, Long pid, String state, int restarts) {
        JsonObject container = new JsonObject();
        container.addProperty("id", id);
        if (pid != null) {
            container.addProperty("pid", pid);
        }
        container.addProperty("state", state);
        container.addProperty("restarts", restarts);
        container.addProperty("since", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        containers.put(id, container);
        write();
    }

    public synchronized void removeContainer(String id) {
        containers.remove(id);
        write();
    }

    private void write() {
        JsonObject status = node.deepCopy();
        JsonArray workers = new JsonArray();
        containers.values().forEach(workers::add);
        status.add("containers", workers);
        status.addProperty("updated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        files.writeStatus(status);
    }

    private static JsonArray array(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }
}
