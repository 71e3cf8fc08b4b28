package dev.switchboard.launcher.config;

import com.google.gson.JsonElement;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfig.RouterWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads and validates a Crossbar node configuration (config.json, version 2) for the parts Switchboard supports,
 * collecting every problem with its JSON path instead of stopping at the first. Crossbar features Switchboard does
 * not have are refused by name. Checks that need the file system beyond the node directory (which bundle provides
 * a component class) are done by the caller.
 */
public final class NodeConfigReader {

    /** Worker, transport and component ids become configuration names and directory names. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final String ID_EXPECTED = "an id of letters, digits, '_', '.' and '-' (at most 64, not starting with"
            + " a '.', '_' or '-')";

    private final Path nodeDirectory;
    private final UnaryOperator<String> environment;
    private final Problems problems = new Problems();

    /** A validated configuration ({@code null} when there are errors) and what validation found. */
    public record Result(NodeConfig config, Problems problems) {
    }

    private NodeConfigReader(Path nodeDirectory, UnaryOperator<String> environment) {
        this.nodeDirectory = nodeDirectory.toAbsolutePath().normalize();
        this.environment = environment;
    }

    /**
     * @param nodeDirectory relative paths in the configuration (Unix sockets, static web directories) resolve here
     */
    public static Result read(String json, Path nodeDirectory) {
        return read(json, nodeDirectory, System::getenv);
    }

    /** @param environment the environment the node runs with (connectors' {@code password_env}) */
    static Result read(String json, Path nodeDirectory, UnaryOperator<String> environment) {
        NodeConfigReader reader = new NodeConfigReader(nodeDirectory, environment);
        JsonElement root;
        try {
            root = JsonSource.parse(json);
        } catch (IllegalArgumentException e) {
            reader.problems.error("", "not valid JSON: " + e.getMessage());
            return new Result(null, reader.problems);
        }
        if (!root.isJsonObject()) {
            reader.problems.error("", "expected a JSON object at the top, got " + Obj.describe(root));
            return new Result(null, reader.problems);
        }
        NodeConfig config = reader.node(new Obj(root.getAsJsonObject(), "", reader.problems));
        return new Result(reader.problems.hasErrors() ? null : config, reader.problems);
    }

    private NodeConfig node(Obj root) {
        root.check(Keys.of("$schema", "version", "controller", "workers"));
        version(root);
        String controllerId = controller(root.object("controller", false));
        RouterWorker router = null;
        List<ContainerWorker> containers = new ArrayList<>();
        Set<String> workerIds = new HashSet<>();
        List<Obj> workers = root.objects("workers", false);
        for (int i = 0; i < workers.size(); i++) {
            Obj worker = workers.get(i);
            String id = id(worker, "worker" + (i + 1));
            if (id != null && !workerIds.add(id)) {
                problems.error(worker.at("id"), "duplicate worker id \"" + id + "\"");
            }
            String type = worker.string("type", true);
            if (type == null) {
                continue;
            }
            switch (type) {
                case "router" -> {
                    if (router != null) {
                        problems.unsupported(worker.at("type"), "a second router worker: the router runs in the"
                                + " node's JVM, so a node has one (put all realms and transports into it)");
                    } else {
                        router = new RouterReader(nodeDirectory, problems, environment).read(worker, id);
                    }
                }
                case "container" -> {
                    ContainerWorker container = new ContainerReader(nodeDirectory, problems).read(worker, id);
                    if (container != null) {
                        containers.add(container);
                    }
                }
                case "guest" -> problems.unsupported(worker.at("type"), "guest workers (external programs started"
                        + " by the node); run them as services of their own");
                case "proxy" -> problems.unsupported(worker.at("type"), "proxy workers");
                case "websocket-testee" -> problems.unsupported(worker.at("type"), "websocket-testee workers");
                default -> problems.error(worker.at("type"), "expected one of \"router\", \"container\", got "
                        + Obj.describe(worker.raw("type")));
            }
        }
        if (root.has("workers") && workers.isEmpty() && !problems.hasErrors()) {
            problems.warn(root.at("workers"), "no workers: the node starts with no realm, listener or component");
        }
        CrossChecks.check(router, containers, problems);
        return new NodeConfig(controllerId, router, containers);
    }

    private void version(Obj root) {
        JsonElement version = root.raw("version");
        if (version == null) {
            problems.error("version", "missing (expected 2: Switchboard reads Crossbar's configuration format"
                    + " version 2)");
            return;
        }
        Long number = Obj.wholeNumber(version);
        if (number != null && number == 1) {
            problems.unsupported("version", "configuration format version 1; upgrade it to version 2 (Crossbar:"
                    + " crossbar upgrade)");
        } else if (number == null || number != 2) {
            problems.error("version", "expected 2, got " + Obj.describe(version));
        }
    }

    private String controller(Obj controller) {
        if (controller == null) {
            return null;
        }
        controller.check(Keys.of("id", "options")
                .unsupported("manhole", "the manhole (SSH into the node); the Gogo shell is the node's console")
                .unsupported("fabric", "Crossbar.io Fabric management"));
        Obj options = controller.object("options", false);
        if (options != null) {
            options.check(Keys.of("title")
                    .unsupported("shutdown", "shutdown triggers; the node stops on SIGTERM or 'switchboard stop',"
                            + " and restarts container workers that exit")
                    .ignored("enable_parallel_worker_start", "container workers always start in parallel"));
            options.string("title", false);
        }
        return id(controller, null);
    }

    /** The optional {@code id} of an object, checked, or {@code fallback}. */
    String id(Obj object, String fallback) {
        return id(object, fallback, problems);
    }

    static String id(Obj object, String fallback, Problems problems) {
        if (!object.has("id")) {
            return fallback;
        }
        JsonElement value = object.raw("id");
        if (!Obj.isString(value) || !ID.matcher(value.getAsString()).matches()) {
            problems.error(object.at("id"), "expected " + ID_EXPECTED + ", got " + Obj.describe(value));
            return null;
        }
        return value.getAsString();
    }

    /** Crossbar's native worker options the JVM workers refuse, by name. */
    static Keys workerOptionKeys(String... supported) {
        String python = "Python settings; Java components come from bundles (deploy/ or runtime/system)";
        return Keys.of(supported)
                .unsupported("python", python)
                .unsupported("pythonpath", python)
                .unsupported("cpu_affinity", "CPU affinity")
                .unsupported("reactor", "Twisted reactor settings")
                .unsupported("expose_controller", "exposing the node controller to workers")
                .unsupported("expose_shared", "sharing an object between workers")
                .unsupported("disabled", "disabled workers (remove the worker instead)");
    }
}
