package dev.switchboard.launcher.config;

import com.google.gson.JsonElement;
import dev.switchboard.launcher.config.NodeConfig.ClientTransport;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfig.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker of type {@code container}: a JVM of its own whose components share one connection to the router (one
 * remote connector per container), so all of them must name the same transport.
 */
final class ContainerReader {

    private final Path nodeDirectory;
    private final Problems problems;

    ContainerReader(Path nodeDirectory, Problems problems) {
        this.nodeDirectory = nodeDirectory;
        this.problems = problems;
    }

    ContainerWorker read(Obj worker, String id) {
        worker.check(Keys.of("type", "id", "options", "components")
                .unsupported("connections", "Crossbar's database connections of the container worker")
                .unsupported("connectors", "connectors in a container worker: a connector runs in the router's"
                        + " JVM; put it into the router worker's \"connectors\"")
                .unsupported("manhole", "the manhole (SSH into the worker)"));
        Environment environment = options(worker.object("options", false));
        List<ComponentSpec> components = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ClientTransport transport = null;
        String transportPath = null;
        List<Obj> entries = worker.objects("components", true);
        if (entries.isEmpty() && worker.has("components")) {
            problems.warn(worker.at("components"), "no components: the container starts and does nothing");
        }
        for (int i = 0; i < entries.size(); i++) {
            Obj entry = entries.get(i);
            ComponentSpec component = ComponentReader.component(entry, i, true, problems);
            Obj transportEntry = entry.object("transport", true);
            ClientTransport own = transportEntry == null ? null
                    : ComponentReader.transport(transportEntry, nodeDirectory, problems);
            if (component == null || own == null) {
                continue;
            }
            if (!ids.add(component.id())) {
                problems.error(entry.at("id"), "duplicate component id \"" + component.id() + "\"");
            }
            if (transport == null) {
                transport = own;
                transportPath = entry.at("transport");
            } else if (!transport.equals(own)) {
                problems.unsupported(entry.at("transport"), "components of one container with different transports"
                        + " (a container has one connection; this one differs from " + transportPath + "): put"
                        + " this component into a container worker of its own");
            }
            components.add(component);
        }
        if (id == null) {
            return null;
        }
        return new ContainerWorker(id, components, transport, environment, worker.path(), worker.json());
    }

    private Environment options(Obj options) {
        if (options == null) {
            return Environment.INHERIT;
        }
        options.check(NodeConfigReader.workerOptionKeys("title", "env")
                .unsupported("shutdown", "container shutdown policies; the node restarts a container that exits"));
        options.string("title", false);
        Obj env = options.object("env", false);
        if (env == null) {
            return Environment.INHERIT;
        }
        env.check(Keys.of("inherit", "vars"));
        boolean inheritAll = true;
        List<String> inherit = List.of();
        JsonElement value = env.raw("inherit");
        if (value != null && value.isJsonArray()) {
            List<String> names = env.strings("inherit", false);
            inheritAll = false;
            inherit = names == null ? List.of() : names;
        } else if (value != null) {
            Boolean flag = env.bool("inherit");
            inheritAll = flag == null || flag;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        Obj variables = env.object("vars", false);
        if (variables != null) {
            for (String name : variables.json().keySet()) {
                JsonElement text = variables.raw(name);
                if (!Obj.isString(text)) {
                    problems.error(variables.at(name), "expected a string, got " + Obj.describe(text));
                } else {
                    vars.put(name, text.getAsString());
                }
            }
        }
        return new Environment(inheritAll, inherit, vars);
    }
}
