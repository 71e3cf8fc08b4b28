package dev.switchboard.launcher;

import dev.switchboard.launcher.StartPlan.PlannedBundle;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Finds the bundle that provides a component class, for one JVM of a node: first in the deploy/ directories that
 * JVM's FileInstall watches (FileInstall installs those), then in the runtime's {@code system/}, whose bundles the
 * launcher installs only in a JVM whose configuration names one of their classes. That is how component bundles
 * shipped with the runtime (the demo's) run where config.json puts them and nowhere else: a DS component with an
 * optional configuration activates once without configuration as soon as its bundle starts.
 */
public final class ComponentBundles {

    /**
     * Where a class was found.
     *
     * @param fromSystem true when the launcher must install the jar (it is in system/, not in a watched deploy/)
     */
    public record Located(Path jar, boolean fromSystem) {
    }

    private final List<Path> deployDirectories;
    private final Path system;
    private List<Path> systemJars;

    public ComponentBundles(List<Path> deployDirectories, Path system) {
        this.deployDirectories = List.copyOf(deployDirectories);
        this.system = system;
    }

    /** What the router of a node directory sees: the node's deploy/, runtime/deploy, runtime/system. */
    public static ComponentBundles forRouter(NodeLayout runtime, NodeDirectory node) {
        return new ComponentBundles(List.of(node.deploy(), runtime.deploy()), runtime.system());
    }

    /** What a container worker sees: its own deploy/&lt;worker&gt;/ and runtime/system. */
    public static ComponentBundles forContainer(NodeLayout runtime, NodeDirectory node, String worker) {
        return new ComponentBundles(List.of(node.workerDeploy(worker)), runtime.system());
    }

    public Optional<Located> locate(String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Path directory : deployDirectories) {
            for (Path jar : jars(directory)) {
                if (contains(jar, entry)) {
                    return Optional.of(new Located(jar, false));
                }
            }
        }
        for (Path jar : systemJars()) {
            if (contains(jar, entry)) {
                return Optional.of(new Located(jar, true));
            }
        }
        return Optional.empty();
    }

    /** For messages: where a class was looked for. */
    public String searched() {
        List<String> places = new ArrayList<>();
        deployDirectories.forEach(directory -> places.add(directory.toString()));
        places.add(system.toString());
        return String.join(", ", places);
    }

    /** A jar from system/ as a bundle to install, named by its Maven coordinates where the layout gives them. */
    public PlannedBundle planned(Path jar, String label) {
        return new PlannedBundle(artifactOf(jar), StartPlan.DEFAULT_START_LEVEL, jar, label);
    }

    ArtifactId artifactOf(Path jar) {
        Path relative = jar.startsWith(system) ? system.relativize(jar) : jar.getFileName();
        int parts = relative.getNameCount();
        if (parts >= 4) {
            String artifact = relative.getName(parts - 3).toString();
            String version = relative.getName(parts - 2).toString();
            String group = relative.subpath(0, parts - 3).toString().replace(relative.getFileSystem()
                    .getSeparator(), ".");
            String file = relative.getFileName().toString();
            String base = artifact + "-" + version;
            if (file.startsWith(base) && file.endsWith(".jar")) {
                String classifier = file.substring(base.length(), file.length() - ".jar".length());
                classifier = classifier.startsWith("-") ? classifier.substring(1) : null;
                try {
                    ArtifactId id = ArtifactId.parse(group + ":" + artifact + ":jar"
                            + (classifier == null ? "" : ":" + classifier) + ":" + version);
                    if (id.repositoryPath().equals(relative)) {
                        return id;
                    }
                } catch (IllegalArgumentException e) {
                    // not Maven coordinates: named by file below
                }
            }
        }
        String name = jar.getFileName().toString().replaceAll("\\.jar$", "").replaceAll("[^A-Za-z0-9_.+-]", "_");
        return new ArtifactId("system", name.isEmpty() ? "bundle" : name, "jar", null, "0");
    }

    private List<Path> systemJars() {
        if (systemJars == null) {
            systemJars = new ArrayList<>();
            if (Files.isDirectory(system)) {
                try (Stream<Path> files = Files.walk(system)) {
                    files.filter(file -> file.toString().endsWith(".jar") && Files.isRegularFile(file)).sorted()
                            .forEach(systemJars::add);
                } catch (IOException e) {
                    // unreadable: the class is reported as not found, naming system/
                }
            }
        }
        return systemJars;
    }

    private static List<Path> jars(Path directory) {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            return jars;
        }
        jars.sort(null);
        return jars;
    }

    private static boolean contains(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            return false; // not a jar (yet: FileInstall may be copying it)
        }
    }
}
