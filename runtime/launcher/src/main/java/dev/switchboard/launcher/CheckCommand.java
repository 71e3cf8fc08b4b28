package dev.switchboard.launcher;

import dev.switchboard.launcher.ConfigLoader.Loaded;
import dev.switchboard.launcher.config.NodeConfig;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code switchboard check --cbdir DIR}: validates config.json as a start would, without starting anything. */
final class CheckCommand {

    private CheckCommand() {
    }

    static int run(NodeLayout runtime, NodeDirectory node, PrintStream out, PrintStream err) {
        Loaded loaded = ConfigLoader.load(node.config(), node, runtime);
        loaded.problems().warnings().forEach(warning -> out.println("warning: " + warning));
        if (!loaded.ok()) {
            List<String> errors = loaded.problems().errors();
            err.println(node.config() + ": " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + ":");
            errors.forEach(error -> err.println("  " + error));
            return Main.FAILED;
        }
        out.println("OK: " + node.config() + ": " + summary(loaded.config()));
        return Main.OK;
    }

    static String summary(NodeConfig config) {
        List<String> parts = new ArrayList<>();
        if (config.router() != null) {
            parts.add("router " + config.router().id() + " (" + count(config.router().realms().size(), "realm") + ", "
                    + count(config.router().transports().size(), "transport") + ", "
                    + count(config.router().components().size(), "component") + ")");
        }
        for (ContainerWorker container : config.containers()) {
            parts.add("container " + container.id() + " (" + count(container.components().size(), "component")
                    + ")");
        }
        return parts.isEmpty() ? "no workers" : String.join(", ", parts);
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
