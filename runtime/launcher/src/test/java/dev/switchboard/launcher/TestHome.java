package dev.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds node homes in a temporary directory: feature files and jars in system/. */
final class TestHome {

    final Path home;
    final NodeLayout layout;

    TestHome(Path home) {
        this.home = home;
        this.layout = new NodeLayout(home);
    }

    TestHome feature(String fileName, String json) throws IOException {
        Files.createDirectories(layout.features());
        Files.writeString(layout.features().resolve(fileName), json);
        return this;
    }

    /** An empty file where the jar would be: enough for everything but installing it. */
    TestHome placeholderJar(String id) throws IOException {
        Path file = layout.bundleFile(ArtifactId.parse(id));
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
        return this;
    }

    /** The real jar, from the local Maven repository (same layout) the build passes to the tests. */
    TestHome realJar(String id) throws IOException {
        ArtifactId artifact = ArtifactId.parse(id);
        Path source = Path.of(System.getProperty("switchboard.test.repository")).resolve(artifact.repositoryPath());
        return jar(id, source);
    }

    TestHome jar(String id, Path source) throws IOException {
        Path file = layout.bundleFile(ArtifactId.parse(id));
        Files.createDirectories(file.getParent());
        Files.copy(source, file);
        return this;
    }
}
