package dev.switchboard.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Realms come and go with factory configurations {@code dev.switchboard.realm}. */
class RealmConfigurationTest {

    private Configuration first;
    private Configuration second;

    @AfterEach
    void deleteConfigurations() {
        Node.deleteAndAwait(second);
        Node.deleteAndAwait(first);
    }

    @Test
    void aRealmConfigurationRegistersTheRealmAndDeletingItRemovesIt() throws Exception {
        first = Node.createFactoryConfiguration(Node.REALM_FACTORY_PID, Map.of("name", "itest"));

        ServiceReference<?> realm = Node.awaitReference(realmFilter("itest"), () -> "; " + describe(first));
        assertEquals(first.getPid(), realm.getProperty(Constants.SERVICE_PID),
                "the realm service carries the pid of its configuration");

        first.delete();
        Node.awaitNoReference(realmFilter("itest"));
    }

    @Test
    void aSecondRealmWithTheSameNameFailsToActivateAndRegistersNothing() {
        first = Node.createFactoryConfiguration(Node.REALM_FACTORY_PID, Map.of("name", "itest-twice"));
        Node.awaitReference(realmFilter("itest-twice"), () -> "; " + describe(first));

        LogEcho.expect("a realm named 'itest-twice' is already configured"); // SCR logs the failed activation
        second = Node.createFactoryConfiguration(Node.REALM_FACTORY_PID, Map.of("name", "itest-twice"));
        String secondPid = second.getPid();
        Node.awaitTrue(() -> stateOf(secondPid).orElse(-1) == ComponentConfigurationDTO.FAILED_ACTIVATION,
                () -> describe(second) + ", expected FAILED_ACTIVATION");

        ServiceReference<?>[] realms = Node.references(realmFilter("itest-twice"));
        assertEquals(1, realms.length, "realm services named itest-twice");
        assertEquals(first.getPid(), realms[0].getProperty(Constants.SERVICE_PID),
                "the realm service is still the first configuration's");
    }

    private static String realmFilter(String name) {
        return "(wamp.realm=" + name + ")";
    }

    private static Optional<Integer> stateOf(String pid) {
        return Node.componentConfiguration("dev.switchboard.router", Node.REALM_COMPONENT, pid).map(c -> c.state);
    }

    private static String describe(Configuration config) {
        return Node.describeComponent("dev.switchboard.router", Node.REALM_COMPONENT, config.getPid());
    }
}
