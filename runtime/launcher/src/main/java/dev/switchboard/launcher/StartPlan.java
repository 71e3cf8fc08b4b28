package dev.switchboard.launcher;

import dev.switchboard.launcher.Feature.FeatureBundle;
import dev.switchboard.launcher.Feature.FeatureConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a start does, worked out before the framework exists so that a wrong feature fails in milliseconds and names
 * every problem at once: the bundles in start order with their files, and the configurations with placeholders
 * resolved and values typed.
 */
public final class StartPlan {

    /** Start level of a bundle without {@code start-order}, and of bundles FileInstall deploys. */
    public static final int DEFAULT_START_LEVEL = 10;

    /**
     * @param feature the file that named it first, for messages
     */
    public record PlannedBundle(ArtifactId id, int startLevel, Path file, String feature) {
    }

    /**
     * @param feature the file that defines it, for messages
     */
    public record PlannedConfiguration(FeatureConfiguration configuration, Dictionary<String, Object> properties,
            String feature) {

        public String pid() {
            return configuration.pid();
        }
    }

    /**
     * What a node directory adds to the features: config.json's configurations, which replace the features' ones of
     * the factory PIDs config.json owns, and bundles that provide its components' classes.
     *
     * @param label how messages name the source of these, e.g. {@code config.json}
     */
    public record Additions(List<PlannedBundle> bundles, List<PlannedConfiguration> configurations,
            Set<String> ownedFactoryPids, String label) {

        public static final Additions NONE = new Additions(List.of(), List.of(), Set.of(), "none");

        public Additions {
            bundles = List.copyOf(bundles);
            configurations = List.copyOf(configurations);
            ownedFactoryPids = Set.copyOf(ownedFactoryPids);
        }
    }

    private final List<Feature> features;
    private final List<PlannedBundle> bundles;
    private final List<PlannedConfiguration> configurations;

    private StartPlan(List<Feature> features, List<PlannedBundle> bundles, List<PlannedConfiguration> configurations) {
        this.features = List.copyOf(features);
        this.bundles = List.copyOf(bundles);
        this.configurations = List.copyOf(configurations);
    }

    public static StartPlan of(List<Feature> features, NodeLayout layout, Placeholders placeholders)
            throws LauncherException {
        return of(features, layout, placeholders, Additions.NONE);
    }

    public static StartPlan of(List<Feature> features, NodeLayout layout, Placeholders placeholders,
            Additions additions) throws LauncherException {
        List<PlannedBundle> bundles = new ArrayList<>(bundles(features, layout));
        for (PlannedBundle bundle : additions.bundles()) {
            if (bundles.stream().noneMatch(planned -> planned.file().equals(bundle.file()))) {
                bundles.add(bundle);
            }
        }
        bundles.sort(Comparator.comparingInt(PlannedBundle::startLevel));
        return new StartPlan(features, bundles, configurations(features, placeholders, additions));
    }

    /**
     * Bundles by start level; within a level in feature order, then file order, since Felix starts a level's bundles
     * by bundle id, i.e. install order. A bundle named twice is installed once, at the lower level.
     */
    private static List<PlannedBundle> bundles(List<Feature> features, NodeLayout layout) throws LauncherException {
        Map<ArtifactId, PlannedBundle> byId = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Feature feature : features) {
            for (FeatureBundle bundle : feature.bundles()) {
                Path file = layout.bundleFile(bundle.id());
                if (!Files.isRegularFile(file)) {
                    missing.add(feature.label() + " names " + bundle.id() + ", but " + layout.relative(file)
                            + " does not exist");
                    continue;
                }
                int level = bundle.startOrder().orElse(DEFAULT_START_LEVEL);
                byId.merge(bundle.id(), new PlannedBundle(bundle.id(), level, file, feature.label()),
                        (first, again) -> again.startLevel() < first.startLevel()
                                ? new PlannedBundle(first.id(), again.startLevel(), first.file(), first.feature())
                                : first);
            }
        }
        if (!missing.isEmpty()) {
            throw new LauncherException("missing bundle" + (missing.size() > 1 ? "s" : "") + " in "
                    + layout.relative(layout.system()) + "/:\n  " + String.join("\n  ", missing));
        }
        List<PlannedBundle> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparingInt(PlannedBundle::startLevel)); // stable: keeps feature order
        return sorted;
    }

    private static List<PlannedConfiguration> configurations(List<Feature> features, Placeholders placeholders,
            Additions additions) throws LauncherException {
        Map<String, PlannedConfiguration> byPid = new LinkedHashMap<>();
        for (Feature feature : features) {
            for (FeatureConfiguration configuration : feature.configurations()) {
                if (configuration.isFactory() && additions.ownedFactoryPids().contains(configuration.factoryPid())) {
                    continue; // the node directory's config.json says what these are
                }
                PlannedConfiguration earlier = byPid.get(configuration.pid());
                if (earlier != null) {
                    throw new LauncherException("configuration " + configuration.pid() + " is defined by both "
                            + earlier.feature() + " and " + feature.label() + "; keep one");
                }
                String where = feature.label() + ", configuration " + configuration.pid();
                byPid.put(configuration.pid(), new PlannedConfiguration(configuration,
                        ConfigurationValues.toProperties(configuration.properties(), placeholders, where),
                        feature.label()));
            }
        }
        for (PlannedConfiguration configuration : additions.configurations()) {
            PlannedConfiguration earlier = byPid.putIfAbsent(configuration.pid(), configuration);
            if (earlier != null) {
                throw new LauncherException("configuration " + configuration.pid() + " is defined by both "
                        + earlier.feature() + " and " + additions.label() + "; keep one");
            }
        }
        return new ArrayList<>(byPid.values());
    }

    public List<Feature> features() {
        return features;
    }

    public List<PlannedBundle> bundles() {
        return bundles;
    }

    public List<PlannedConfiguration> configurations() {
        return configurations;
    }

    /** The framework's beginning start level: high enough for every planned bundle and for hot-deployed ones. */
    public int beginningStartLevel() {
        return Math.max(DEFAULT_START_LEVEL, bundles.stream().mapToInt(PlannedBundle::startLevel).max().orElse(1));
    }
}
