package dev.switchboard.launcher;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A Maven artifact as the OSGi Feature spec writes it: {@code groupId:artifactId[:type[:classifier]]:version}
 * (type defaults to {@code jar}). It names a file in a Maven repository layout, which is how a node's
 * {@code system/} directory is laid out.
 */
public record ArtifactId(String groupId, String artifactId, String type, String classifier, String version) {

    /** Letters, digits and . _ - + only: keeps a feature file from naming a path outside system/. */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.+-]+");

    public ArtifactId {
        if (classifier != null && classifier.isEmpty()) {
            classifier = null;
        }
    }

    public static ArtifactId parse(String text) {
        String[] parts = text.split(":", -1);
        ArtifactId id = switch (parts.length) {
            case 3 -> new ArtifactId(parts[0], parts[1], "jar", null, parts[2]);
            case 4 -> new ArtifactId(parts[0], parts[1], parts[2], null, parts[3]);
            case 5 -> new ArtifactId(parts[0], parts[1], parts[2], parts[3], parts[4]);
            default -> throw new IllegalArgumentException(
                    "'" + text + "' is not groupId:artifactId[:type[:classifier]]:version");
        };
        for (String part : parts) {
            if (!PART.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("'" + text + "' has an empty or invalid part '" + part
                        + "' (letters, digits and . _ - + only)");
            }
        }
        return id;
    }

    /** The file's path relative to a repository root, e.g. {@code org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar}. */
    public Path repositoryPath() {
        String fileName = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
        return Path.of(groupId.replace('.', '/'), artifactId, version, fileName);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(groupId).append(':').append(artifactId);
        if (classifier != null) {
            text.append(':').append(type).append(':').append(classifier);
        } else if (!type.equals("jar")) {
            text.append(':').append(type);
        }
        return text.append(':').append(version).toString();
    }
}
