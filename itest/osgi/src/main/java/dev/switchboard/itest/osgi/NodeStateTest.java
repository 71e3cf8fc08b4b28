package dev.switchboard.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The node as resolved from bndrun/node.bndrun starts cleanly: every bundle active, every component satisfied. */
class NodeStateTest {

    /** Our bundles, which must be in the set (a resolver that dropped one would otherwise pass unnoticed). */
    static final List<String> OUR_BUNDLES = List.of("dev.switchboard.api", "dev.switchboard.router",
            "dev.switchboard.serializer.json", "dev.switchboard.transport.websocket");

    static final List<String> INFRASTRUCTURE = List.of("org.apache.felix.scr", "org.apache.felix.configadmin",
            "org.apache.felix.fileinstall", "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.shell",
            "org.apache.felix.gogo.command", "org.apache.aries.spifly.dynamic.bundle", "slf4j.api", "slf4j.simple");

    @Test
    void theWholeBundleSetIsInstalled() {
        List<String> missing = new ArrayList<>(OUR_BUNDLES);
        missing.addAll(INFRASTRUCTURE);
        missing.removeIf(bsn -> Node.bundle(bsn).isPresent());
        assertTrue(missing.isEmpty(), () -> "not installed: " + missing);
    }

    @Test
    void everyBundleIsActiveAndEveryFragmentResolved() {
        // Start levels: everything is started by the time the tester runs, but be tolerant of a slow last step.
        List<String> wrong = new ArrayList<>();
        Node.awaitTrue(() -> {
            wrong.clear();
            for (Bundle bundle : Node.context().getBundles()) {
                boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
                if (bundle.getState() != expected) {
                    wrong.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + state(bundle.getState())
                            + ", expected " + state(expected));
                }
            }
            return wrong.isEmpty();
        }, () -> "bundles not started:\n  " + String.join("\n  ", wrong));
    }

    @Test
    void everyComponentOfOurBundlesIsSatisfied() {
        ServiceComponentRuntime scr = Node.scr();
        Bundle[] ours = OUR_BUNDLES.stream().map(Node::requireBundle).toArray(Bundle[]::new);
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(scr.getComponentDescriptionDTOs(ours));
        assertFalse(descriptions.isEmpty(), "no DS components found in " + OUR_BUNDLES);

        List<String> problems = new ArrayList<>();
        Node.awaitTrue(() -> {
            problems.clear();
            for (ComponentDescriptionDTO description : descriptions) {
                problems.addAll(problemsOf(scr, description));
            }
            return problems.isEmpty();
        }, () -> "components not satisfied:\n  " + String.join("\n  ", problems));

        // The components we rely on below are there at all (and named as the tests expect).
        List<String> names = descriptions.stream().map(d -> d.name).collect(Collectors.toList());
        assertTrue(names.contains("dev.switchboard.router.RouterCore"), () -> "components: " + names);
        assertTrue(names.contains("dev.switchboard.router.RealmComponent"), () -> "components: " + names);
    }

    /**
     * What keeps a component from being satisfied. A component that requires a configuration and has none yet (one
     * per realm or listener, created by the tests) has no configuration DTO and is fine.
     */
    static List<String> problemsOf(ServiceComponentRuntime scr, ComponentDescriptionDTO description) {
        String who = description.name + " (" + description.bundle.symbolicName + ")";
        if (!scr.isComponentEnabled(description)) {
            return List.of(who + " is disabled");
        }
        List<ComponentConfigurationDTO> configurations = List.copyOf(scr.getComponentConfigurationDTOs(description));
        if (configurations.isEmpty()) {
            return "require".equals(description.configurationPolicy)
                    ? List.of()
                    : List.of(who + " has no component configuration (policy " + description.configurationPolicy + ")");
        }
        List<String> problems = new ArrayList<>();
        for (ComponentConfigurationDTO configuration : configurations) {
            if (configuration.state == ComponentConfigurationDTO.SATISFIED
                    || configuration.state == ComponentConfigurationDTO.ACTIVE) {
                continue;
            }
            String unsatisfied = Arrays.stream(configuration.unsatisfiedReferences)
                    .map(NodeStateTest::describe)
                    .collect(Collectors.joining(", "));
            problems.add(who + " [" + configuration.properties.get(Constants.SERVICE_PID) + "] is "
                    + componentState(configuration.state)
                    + (unsatisfied.isEmpty() ? "" : "; unsatisfied references: " + unsatisfied)
                    + (configuration.failure == null ? "" : "; failure: " + configuration.failure));
        }
        return problems;
    }

    private static String describe(UnsatisfiedReferenceDTO reference) {
        return reference.name + (reference.target == null ? "" : " target " + reference.target);
    }

    static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "state " + state;
        };
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + state;
        };
    }

    @Test
    void startLevelsPutTheServiceLoaderMediatorAndLoggingFirst() {
        // The pitfalls behind the order (see node.bndrun): without SPI Fly active first, slf4j and Jetty find no
        // ServiceLoader providers; without the slf4j provider before the first logger, slf4j logs nothing.
        int spifly = startLevel("org.apache.aries.spifly.dynamic.bundle");
        int slf4j = startLevel("slf4j.simple");
        int configAdmin = startLevel("org.apache.felix.configadmin");
        int scr = startLevel("org.apache.felix.scr");
        int router = startLevel("dev.switchboard.router");
        int fileInstall = startLevel("org.apache.felix.fileinstall");
        String levels = "start levels: spifly " + spifly + ", slf4j.simple " + slf4j + ", configadmin " + configAdmin
                + ", scr " + scr + ", router " + router + ", fileinstall " + fileInstall;
        assertTrue(spifly < slf4j && slf4j < configAdmin && configAdmin < scr && scr < router && router < fileInstall,
                levels);
        for (String bsn : OUR_BUNDLES) {
            assertEquals(router, startLevel(bsn), () -> bsn + " starts with the router; " + levels);
        }
    }

    private static int startLevel(String bsn) {
        return Node.requireBundle(bsn).adapt(BundleStartLevel.class).getStartLevel();
    }

    @Test
    void theTesterSeesTheRouter() {
        // A sanity check on class space consistency: the Router interface the tester imports is the one the
        // router bundle registered its service under.
        var router = Node.awaitService(dev.switchboard.api.router.Router.class, null);
        assertEquals("dev.switchboard.router.RouterCore", router.getClass().getName());
    }
}
