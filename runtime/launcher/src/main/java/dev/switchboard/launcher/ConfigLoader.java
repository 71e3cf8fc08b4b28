package dev.switchboard.launcher;

import dev.switchboard.launcher.config.NodeConfig;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfigReader;
import dev.switchboard.launcher.config.Problems;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a node directory's config.json and checks all that can be checked before anything starts: the format (see
 * {@link NodeConfigReader}) and, for every component, that a bundle the component's JVM would install provides its
 * class (see {@link ComponentBundles}). What only a running framework can tell (the class is a DS component with that
 * configuration PID, its references are satisfied) is checked after start ({@link ComponentCheck}).
 */
public final class ConfigLoader {

    /**
     * @param config the configuration, {@code null} when there are errors
     * @param text   the file as read, to keep as the running configuration
     */
    public record Loaded(NodeConfig config, Problems problems, String text) {

        public boolean ok() {
            return config != null;
        }
    }

    private ConfigLoader() {
    }

    public static Loaded load(Path file, NodeDirectory node, NodeLayout runtime) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            Problems problems = new Problems();
            problems.error("", file + " does not exist");
            return new Loaded(null, problems, null);
        } catch (MalformedInputException e) {
            Problems problems = new Problems();
            problems.error("", "not UTF-8 text");
            return new Loaded(null, problems, null);
        } catch (IOException e) {
            Problems problems = new Problems();
            problems.error("", "cannot read " + file + ": " + e);
            return new Loaded(null, problems, null);
        }
        return check(text, node, runtime);
    }

    public static Loaded check(String text, NodeDirectory node, NodeLayout runtime) {
        NodeConfigReader.Result result = NodeConfigReader.read(text, node.root());
        NodeConfig config = result.config();
        Problems problems = result.problems();
        if (config != null) {
            if (config.router() != null) {
                classes(config.router().components(), ComponentBundles.forRouter(runtime, node), problems);
            }
            for (ContainerWorker container : config.containers()) {
                classes(container.components(), ComponentBundles.forContainer(runtime, node, container.id()),
                        problems);
            }
        }
        return new Loaded(problems.hasErrors() ? null : config, problems, text);
    }

    private static void classes(List<ComponentSpec> components, ComponentBundles bundles, Problems problems) {
        for (ComponentSpec component : components) {
            if (bundles.locate(component.classname()).isEmpty()) {
                problems.error(component.path() + ".classname", "no bundle provides class " + component.classname()
                        + " (looked in " + bundles.searched() + ")");
            }
        }
    }
}
