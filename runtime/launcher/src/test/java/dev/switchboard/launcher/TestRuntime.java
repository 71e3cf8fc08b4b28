package dev.switchboard.launcher;

import dev.switchboard.launcher.Feature.FeatureBundle;
import dev.switchboard.launcher.fixture.EchoComponent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A runtime directory as runtime/pom.xml lays it out, built from the source features (filtered with the build's
 * versions) and the bundles in the local Maven repository, so that the launcher's tests can start real nodes before
 * the runtime module is assembled. Only the features a node directory needs: no shell, no console.
 */
final class TestRuntime {

    static final List<String> FEATURES = List.of("core.json", "json.json", "msgpack.json", "cbor.json",
            "websocket.json", "rawsocket.json", "components.json", "container/container.json");
    private static final String PROPERTY_PREFIX = "switchboard.test.property.";

    final Path home;
    final NodeLayout layout;

    TestRuntime(Path home) throws IOException, LauncherException {
        this.home = home;
        this.layout = new NodeLayout(home);
        Path sources = Path.of(System.getProperty("switchboard.test.features"));
        Path repository = Path.of(System.getProperty("switchboard.test.repository"));
        for (String name : FEATURES) {
            Path target = layout.features().resolve(name);
            Files.createDirectories(target.getParent());
            Files.writeString(target, filter(Files.readString(sources.resolve(name))));
            for (FeatureBundle bundle : FeatureReader.read(target).bundles()) {
                Path file = layout.bundleFile(bundle.id());
                if (!Files.exists(file)) {
                    Files.createDirectories(file.getParent());
                    Files.copy(repository.resolve(bundle.id().repositoryPath()), file);
                }
            }
        }
        copyTree(Path.of(System.getProperty("switchboard.test.templates")), layout.templates());
        Files.createDirectories(layout.templates().resolve("default/web"));
        Files.createDirectories(layout.deploy());
    }

    /**
     * Copies the demo component bundles into system/ as runtime/pom.xml does, when the local repository has them
     * (they are built by another module); returns whether it has.
     */
    boolean demoBundles() throws IOException {
        Path repository = Path.of(System.getProperty("switchboard.test.repository"));
        String version = System.getProperty(PROPERTY_PREFIX + "project.version");
        for (String artifact : List.of("switchboard-demo-timeservice", "switchboard-demo-tickservice")) {
            ArtifactId id = ArtifactId.parse("dev.switchboard:" + artifact + ":" + version);
            Path source = repository.resolve(id.repositoryPath());
            if (!Files.isRegularFile(source)) {
                return false;
            }
            Files.createDirectories(layout.bundleFile(id).getParent());
            Files.copy(source, layout.bundleFile(id), StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /** ${name} as Maven's resource filtering would replace it; ${name:-default} placeholders stay. */
    private static String filter(String text) {
        Map<String, String> values = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(PROPERTY_PREFIX))
                .forEach(key -> values.put(key.substring(PROPERTY_PREFIX.length()), System.getProperty(key)));
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    /** A command line that runs the launcher as bin/switchboard does, with the launcher's class path. */
    List<String> command(Path cwd, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-Dswitchboard.home=" + home);
        command.add("-Dswitchboard.cwd=" + cwd);
        command.add("-Dswitchboard.config.poll=300");
        command.add("-Dswitchboard.stop.timeout=60");
        command.add("-cp");
        command.add(launcherClassPath());
        command.add(RunFiles.MAIN_CLASS);
        command.addAll(List.of(arguments));
        return command;
    }

    /** What lib/ holds: the launcher's classes, Felix, the cm API and Gson, not the test's libraries. */
    private static String launcherClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("target" + File.separator + "classes") || entry.contains("org.apache.felix.framework")
                    || entry.contains("org.osgi.service.cm") || entry.contains("gson")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The fixture component as a bundle: its class and a hand-written DS declaration. */
    static Path echoBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Bundle-ManifestVersion", "2");
        attributes.putValue("Bundle-SymbolicName", "dev.switchboard.test.echo");
        attributes.putValue("Bundle-Version", "1.0.0");
        attributes.putValue("Import-Package", "dev.switchboard.client;version=\"[0.1,1)\"");
        attributes.putValue("Service-Component", "OSGI-INF/echo.xml");
        String name = EchoComponent.class.getName();
        String declaration = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%1$s" immediate="true"
                    configuration-policy="optional" configuration-pid="%1$s" activate="activate" deactivate="deactivate">
                  <implementation class="%1$s"/>
                  <reference name="connector" interface="dev.switchboard.client.WampConnector" cardinality="1..1"
                      policy="static" bind="bind"/>
                </scr:component>
                """.formatted(name);
        Files.createDirectories(jar.getParent());
        Path classes = Path.of(EchoComponent.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path packageDirectory = classes.resolve(EchoComponent.class.getPackageName().replace('.', '/'));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> classFiles = Files.list(packageDirectory)) {
            for (Path classFile : classFiles.filter(path -> path.getFileName().toString()
                    .startsWith(EchoComponent.class.getSimpleName())).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString()));
                try (InputStream in = Files.newInputStream(classFile)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("OSGI-INF/echo.xml"));
            out.write(declaration.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
