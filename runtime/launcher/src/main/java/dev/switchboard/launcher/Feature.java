package dev.switchboard.launcher;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One {@code features/*.json} file: the bundles it installs and the configurations it applies.
 *
 * @param source the file, for error messages
 */
public record Feature(String id, String name, String description, Path source, List<FeatureBundle> bundles,
        List<FeatureConfiguration> configurations) {

    public Feature {
        bundles = List.copyOf(bundles);
        configurations = List.copyOf(configurations);
    }

    /** How messages name the feature: its file name, which the user can open. */
    public String label() {
        return "feature " + source.getFileName();
    }

    /**
     * A bundle the feature names.
     *
     * @param startOrder the start level, empty for the node's default
     */
    public record FeatureBundle(ArtifactId id, OptionalInt startOrder) {
    }

    /**
     * A configuration as written in the feature, properties not converted yet: placeholders are resolved at start,
     * from the environment of that start.
     *
     * @param pid the key in the feature: {@code pid}, or {@code factoryPid~name}, which is also the pid
     *     Configuration Admin 1.6 gives a named factory configuration
     * @param factoryPid null for a singleton configuration
     * @param name the name of a factory configuration, null for a singleton
     * @param properties key (possibly with a {@code :Type} suffix) to String, BigDecimal, Boolean or List of those
     */
    public record FeatureConfiguration(String pid, String factoryPid, String name, Map<String, Object> properties) {

        public FeatureConfiguration {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        public boolean isFactory() {
            return factoryPid != null;
        }
    }
}
