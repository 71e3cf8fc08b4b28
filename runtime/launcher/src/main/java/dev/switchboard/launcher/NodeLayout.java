package dev.switchboard.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories of a node. Without a node directory all are under its home (the runtime directory):
 * {@code features/*.json} says what runs, {@code system/} holds the bundles in Maven repository layout,
 * {@code deploy/} is watched for hot deployment, {@code data/} holds the framework cache, {@code log/} the log and
 * {@code run/} sockets. A node started with a node directory ({@code --cbdir}) keeps its state there instead, and a
 * container worker reads {@code features/container/} and has a deploy/ and data/ directory of its own.
 *
 * @param home     the runtime directory: features, system/, templates/
 * @param features the directory whose {@code *.json} files this JVM runs
 * @param deploy   what the framework's FileInstall watches
 * @param data     framework cache and FileInstall's temporary files
 * @param state    where {@code log/} and {@code run/} are: home, or the node directory
 */
public record NodeLayout(Path home, Path features, Path deploy, Path data, Path state) {

    public static final String HOME_PROPERTY = "switchboard.home";

    public NodeLayout {
        home = home.toAbsolutePath().normalize();
        features = features.toAbsolutePath().normalize();
        deploy = deploy.toAbsolutePath().normalize();
        data = data.toAbsolutePath().normalize();
        state = state.toAbsolutePath().normalize();
    }

    /** A node without a node directory: everything under home. */
    public NodeLayout(Path home) {
        this(home, home.resolve("features"), home.resolve("deploy"), home.resolve("data"), home);
    }

    /** The router of a node directory: its cache, log and run/ in the node directory; runtime/deploy still watched. */
    public static NodeLayout forNode(Path home, NodeDirectory node) {
        return new NodeLayout(home, home.resolve("features"), home.resolve("deploy"), node.data(), node.root());
    }

    /** A container worker: the container features, the worker's own deploy/ and cache. */
    public static NodeLayout forContainer(Path home, NodeDirectory node, String worker) {
        return new NodeLayout(home, home.resolve("features").resolve("container"), node.workerDeploy(worker),
                node.workerData(worker), node.root());
    }

    /** The home the script passes as {@code -Dswitchboard.home}; the working directory otherwise. */
    public static NodeLayout fromSystemProperties() {
        return new NodeLayout(Path.of(System.getProperty(HOME_PROPERTY, ".")));
    }

    public Path system() {
        return home.resolve("system");
    }

    public Path templates() {
        return home.resolve("templates");
    }

    public Path frameworkStorage() {
        return data().resolve("felix-cache");
    }

    public Path logFile() {
        return state.resolve("log").resolve("node.log");
    }

    public Path run() {
        return state.resolve("run");
    }

    public Path bundleFile(ArtifactId id) {
        return system().resolve(id.repositoryPath());
    }

    /** Shown in messages relative to home, which is where the script runs and what the user sees. */
    public Path relative(Path path) {
        return path.startsWith(home) ? home.relativize(path) : path;
    }

    /** Creates what the node writes to; the script does too, this covers a launcher started without it. */
    public void createDirectories() throws LauncherException {
        for (Path directory : List.of(deploy(), data(), logFile().getParent(), run())) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new LauncherException("cannot create " + directory + ": " + e);
            }
        }
    }

    /** Every {@code features/*.json}, by file name, so that the order (and so the install order) is stable. */
    public List<Feature> readFeatures() throws LauncherException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(features(), "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new LauncherException("cannot list the features in " + features() + ": " + e
                    + " (is " + HOME_PROPERTY + "=" + home + " a node's runtime directory?)");
        }
        if (files.isEmpty()) {
            throw new LauncherException("no " + relative(features()) + "/*.json in " + home + ": nothing to run");
        }
        files.sort(null);
        List<Feature> features = new ArrayList<>();
        for (Path file : files) {
            features.add(FeatureReader.read(file));
        }
        return features;
    }
}
