package dev.switchboard.launcher;

import dev.switchboard.launcher.config.NodeConfig;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfigReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code switchboard init --cbdir DIR}: a node directory from the runtime's {@code templates/default/} (config.json
 * and web/), with the node's key pair, deploy/ (and deploy/&lt;worker&gt;/ for each container worker of the
 * template), log/, run/ and data/. An existing node directory (or any directory that is not empty) is refused
 * unless {@code --force}, which writes the template's files over it and keeps existing keys.
 */
final class InitCommand {

    static final String TEMPLATE = "default";

    private final NodeLayout runtime;
    private final PrintStream out;

    InitCommand(NodeLayout runtime, PrintStream out) {
        this.runtime = runtime;
        this.out = out;
    }

    void run(NodeDirectory node, boolean force) throws LauncherException {
        Path template = runtime.templates().resolve(TEMPLATE);
        if (!Files.isRegularFile(template.resolve("config.json"))) {
            throw new LauncherException("no template: " + template.resolve("config.json") + " is missing");
        }
        refuseExisting(node, force);
        copyTree(template, node.root());
        for (Path directory : List.of(node.deploy(), node.run(), node.data(), node.logFile().getParent())) {
            createDirectories(directory);
        }
        for (String worker : containerWorkers(node)) {
            createDirectories(node.workerDeploy(worker));
        }
        String keys;
        if (Files.exists(node.privateKey()) || Files.exists(node.publicKey())) {
            keys = "kept the existing key pair (public key " + NodeKeys.load(node) + ")";
        } else {
            keys = "Ed25519 key pair key.priv, key.pub (public key " + NodeKeys.generate(node) + ")";
        }
        out.println("Initialized node directory " + node.root() + " from template " + TEMPLATE + ":");
        out.println("  config.json   the node configuration (Crossbar format, version 2)");
        if (Files.isDirectory(node.root().resolve("web"))) {
            out.println("  web/          static files served by the web transport");
        }
        out.println("  " + keys);
        out.println("  deploy/       component bundles and .cfg files for the router; deploy/<worker>/ for a"
                + " container worker");
        out.println("Check it:  switchboard check --cbdir " + node.root());
        out.println("Start it:  switchboard start --cbdir " + node.root());
    }

    private static void refuseExisting(NodeDirectory node, boolean force) throws LauncherException {
        if (force || !Files.exists(node.root())) {
            return;
        }
        if (!Files.isDirectory(node.root())) {
            throw new LauncherException(node.root() + " exists and is not a directory");
        }
        if (node.exists()) {
            throw new LauncherException(node.root() + " is a node directory already (it has config.json);"
                    + " add --force to write the template over it (keys are kept)");
        }
        try (Stream<Path> entries = Files.list(node.root())) {
            if (entries.findAny().isPresent()) {
                throw new LauncherException(node.root() + " is not empty; choose a new directory, or add --force");
            }
        } catch (IOException e) {
            throw new LauncherException("cannot read " + node.root() + ": " + e);
        }
    }

    /** The template's container workers, so that their deploy/ directories exist from the start. */
    private static List<String> containerWorkers(NodeDirectory node) {
        try {
            NodeConfig config = NodeConfigReader.read(Files.readString(node.config()), node.root()).config();
            return config == null ? List.of() : config.containers().stream().map(ContainerWorker::id).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void copyTree(Path from, Path to) throws LauncherException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new LauncherException("cannot copy the template " + from + " to " + to + ": " + e);
        }
    }

    private static void createDirectories(Path directory) throws LauncherException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new LauncherException("cannot create " + directory + ": " + e);
        }
    }
}
