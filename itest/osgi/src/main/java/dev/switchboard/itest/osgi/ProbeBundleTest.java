package dev.switchboard.itest.osgi;

import static dev.switchboard.itest.osgi.WampClient.CALL;
import static dev.switchboard.itest.osgi.WampClient.ERROR;
import static dev.switchboard.itest.osgi.WampClient.JSON;
import static dev.switchboard.itest.osgi.WampClient.RESULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.switchboard.api.router.Peer;

/**
 * A bundle installed at run time joins the router in-process and serves RPCs to WebSocket clients; uninstalling it
 * withdraws its registration. The probe's jar (itest/probe-bundle) is embedded in this tester bundle.
 */
class ProbeBundleTest {

    static final String PROBE_JAR = "probe/probe.jar";
    static final String PROBE_BSN = "dev.switchboard.itest.probe";
    static final String PROBE_COMPONENT = "dev.switchboard.itest.probe.ProbeComponent";
    static final String NO_SUCH_PROCEDURE = "wamp.error.no_such_procedure";

    private static Configuration realm;
    private static Node.Listener listener;
    private long nextRequest = 1;

    @BeforeAll
    static void startRealmAndListener() {
        realm = Node.createRealm("realm1");
        listener = Node.createWebSocketListener("itest-probe");
    }

    @AfterAll
    static void stopRealmAndListener() {
        if (listener != null) {
            Node.deleteAndAwait(listener.config());
        }
        Node.deleteAndAwait(realm);
    }

    @Test
    void theProbeServesProbeHelloUntilItIsUninstalled() throws Exception {
        Bundle probe = installProbe();
        try {
            probe.start();
            activateDelayedProbe(probe);
            assertProbeComponentActive(probe);

            try (WampClient caller = WampClient.connect(listener.uri(), JSON)) {
                caller.join("realm1");

                // The probe registers after its WELCOME, asynchronously: retry until its registration is there.
                List<Object> result = callUntil(caller, m -> (Long) m.get(0) == RESULT);
                assertEquals(List.of("hello from the probe bundle"), result.get(3),
                        () -> "RESULT.Arguments: " + result);

                probe.uninstall();

                // Its session leaves on deactivation; the dealer drops the registration on the realm's actor.
                List<Object> error = callUntil(caller, m -> (Long) m.get(0) == ERROR);
                assertTrue(error.size() >= 5, () -> "ERROR too short: " + error);
                assertEquals(List.of(ERROR, CALL, error.get(2), Map.of(), NO_SUCH_PROCEDURE), error.subList(0, 5),
                        "ERROR for a CALL of probe.hello once the probe is uninstalled");
            }
        } finally {
            if (probe.getState() != Bundle.UNINSTALLED) {
                probe.uninstall();
            }
        }
    }

    private static Bundle installProbe() throws Exception {
        URL jar = FrameworkUtil.getBundle(ProbeBundleTest.class).getEntry(PROBE_JAR);
        assertNotNull(jar, PROBE_JAR + " is not embedded in the tester bundle");
        Bundle probe;
        try (InputStream in = jar.openStream()) {
            probe = Node.context().installBundle("itest:" + PROBE_JAR, in);
        }
        assertEquals(PROBE_BSN, probe.getSymbolicName(), "the embedded jar is the probe bundle");
        return probe;
    }

    /**
     * WORKAROUND for a bug in the probe bundle: ProbeComponent implements Peer and its {@code @Component} does not
     * say {@code service = {}}, so DS registers it as a Peer service, which makes it a delayed component that is
     * only activated when some bundle gets that service: on its own it stays SATISFIED and never joins realm1.
     * Getting the service activates it (the reference is released when the probe is uninstalled). A no-op once the
     * probe is an immediate component.
     */
    private static void activateDelayedProbe(Bundle probe) throws Exception {
        ServiceReference<?>[] peers = Node.context().getServiceReferences(Peer.class.getName(),
                "(component.name=" + PROBE_COMPONENT + ")");
        if (peers != null && peers[0].getBundle().equals(probe)) {
            Node.context().getService(peers[0]);
        }
    }

    private static void assertProbeComponentActive(Bundle probe) {
        ServiceComponentRuntime scr = Node.scr();
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(probe, PROBE_COMPONENT);
        assertNotNull(description, PROBE_COMPONENT + " is not a component of the probe bundle");
        Node.awaitTrue(() -> scr.getComponentConfigurationDTOs(description).stream()
                        .anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE),
                () -> PROBE_COMPONENT + " is not active: "
                        + String.join("; ", NodeStateTest.problemsOf(scr, description))
                        + scr.getComponentConfigurationDTOs(description).stream()
                                .map(c -> " state " + NodeStateTest.componentState(c.state)).toList());
    }

    /**
     * Calls {@code probe.hello} until the answer (RESULT or ERROR to that very CALL) satisfies the predicate, and
     * returns that answer. Answers that do not are the expected in-between state (e.g. no_such_procedure before the
     * probe registered); anything else fails the test.
     */
    private List<Object> callUntil(WampClient caller, Predicate<List<Object>> done) {
        long deadline = System.nanoTime() + Node.TIMEOUT.toNanos();
        while (true) {
            long request = nextRequest++;
            caller.send("[48," + request + ",{},\"probe.hello\"]");
            List<Object> answer = caller.receive();
            long type = (Long) answer.get(0);
            boolean expectedShape = type == RESULT && answer.get(1).equals(request)
                    || type == ERROR && answer.get(1).equals(CALL) && answer.get(2).equals(request);
            assertTrue(expectedShape, () -> "answer to CALL " + request + ": " + answer);
            if (done.test(answer)) {
                return answer;
            }
            if (type == ERROR && !NO_SUCH_PROCEDURE.equals(answer.get(4))) {
                fail("unexpected ERROR to CALL " + request + ": " + answer);
            }
            if (System.nanoTime() > deadline) {
                fail("the router still answers " + answer + " after " + Node.TIMEOUT.toSeconds() + " s; "
                        + Node.describeRealm("realm1"));
            }
            Node.sleep(20);
        }
    }
}
