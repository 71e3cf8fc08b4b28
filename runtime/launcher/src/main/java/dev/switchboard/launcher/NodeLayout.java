package dev.switchboard.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories of a node, all under its home (the runtime directory): {@code features/*.json} says what runs,
 * {@code system/} holds the bundles in Maven repository layout, {@code deploy/} is watched for hot deployment,
 * {@code data/} holds the framework cache, {@code log/} the log and {@code run/} sockets.
 */
public record NodeLayout(Path home) {

    public static final String HOME_PROPERTY = "switchboard.home";

    public NodeLayout {
        home = home.toAbsolutePath().normalize();
    }

    /** The home the script passes as {@code -Dswitchboard.home}; the working directory otherwise. */
    public static NodeLayout fromSystemProperties() {
        return new NodeLayout(Path.of(System.getProperty(HOME_PROPERTY, ".")));
    }

    public Path features() {
        return home.resolve("features");
    }

    public Path system() {
        return home.resolve("system");
    }

    public Path deploy() {
        return home.resolve("deploy");
    }

    public Path data() {
        return home.resolve("data");
    }

    public Path frameworkStorage() {
        return data().resolve("felix-cache");
    }

    public Path logFile() {
        return home.resolve("log").resolve("node.log");
    }

    public Path run() {
        return home.resolve("run");
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
            throw new LauncherException("no features/*.json in " + home + ": nothing to run");
        }
        files.sort(null);
        List<Feature> features = new ArrayList<>();
        for (Path file : files) {
            features.add(FeatureReader.read(file));
        }
        return features;
    }
}
