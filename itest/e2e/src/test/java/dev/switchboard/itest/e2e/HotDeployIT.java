package dev.switchboard.itest.e2e;

import static dev.switchboard.itest.e2e.WampClient.awaitError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crossbar.autobahn.wamp.exceptions.ApplicationError;
import io.crossbar.autobahn.wamp.types.CallResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hot deployment: the probe bundle (itest/probe-bundle, registers {@code probe.hello} on realm1 while active) copied
 * into the running node's {@code runtime/deploy} is installed and started by FileInstall; deleting it uninstalls it.
 */
@ExtendWith(SharedNode.class)
class HotDeployIT {
    private static final String PROCEDURE = "probe.hello";
    /** FileInstall polls every 500 ms and starts a bundle in about a second; generous for a loaded machine. */
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 200;
    /** What went wrong the first time this ran against the probe bundle, in case it comes back. */
    static final String PROBE_HINT = ". If the node log says 'Started bundle' for the probe, the bundle runs but its"
            + " DS component never activated: ProbeComponent implements Peer, so bnd registers it as a delayed Peer"
            + " service that nobody gets; it needs @Component(immediate = true) (or service = {})";

    @Test
    void aBundleCopiedIntoDeployStartsAndDeletingItStopsIt(NodeProcess node) throws Exception {
        Path probe = E2e.probeBundle();
        assertTrue(Files.isRegularFile(probe), probe + " is missing: the build copies it in pre-integration-test");
        Path deployed = node.deployDir().resolve("switchboard-itest-probe.jar");
        // Not matched by FileInstall's filter (jar|cfg|config): the rename below makes the whole jar appear at once.
        Path partial = node.deployDir().resolve("switchboard-itest-probe.jar.part");
        try (WampClient client = WampClient.join(node.url(), E2e.REALM)) {
            if (Files.deleteIfExists(deployed)) { // left by a run that was killed before its finally block
                pollUntilGone(client, node);
            }
            assertEquals("wamp.error.no_such_procedure", awaitError(client.session().call(PROCEDURE)).getMessage(),
                    PROCEDURE + " is registered before the probe was deployed: is something left in "
                            + node.deployDir() + "?");

            Files.copy(probe, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, deployed, StandardCopyOption.ATOMIC_MOVE);
            CallResult result = pollUntilAnswered(client, node, DEPLOY_TIMEOUT);
            assertEquals(List.of("hello from the probe bundle"), result.results);

            Files.delete(deployed);
            pollUntilGone(client, node);
        } finally {
            // Even on failure: the next run, and a developer's node, must find deploy/ as it was.
            Files.deleteIfExists(partial);
            Files.deleteIfExists(deployed);
        }
    }

    static CallResult pollUntilAnswered(WampClient client, NodeProcess node, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                return client.session().call(PROCEDURE).get(WampClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                last = String.valueOf(e.getCause());
            } catch (TimeoutException e) {
                last = "no answer to CALL within " + WampClient.TIMEOUT.toSeconds() + " s";
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError(PROCEDURE + " did not answer within " + timeout.toSeconds()
                + " s of deploying the probe; last: " + last + PROBE_HINT + "\n" + node.tail(40));
    }

    private static void pollUntilGone(WampClient client, NodeProcess node) throws Exception {
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                CallResult result = client.session().call(PROCEDURE)
                        .get(WampClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                last = "RESULT " + result.results;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ApplicationError error
                        && "wamp.error.no_such_procedure".equals(error.getMessage())) {
                    return;
                }
                last = String.valueOf(e.getCause());
            } catch (TimeoutException e) {
                last = "no answer to CALL within " + WampClient.TIMEOUT.toSeconds() + " s";
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError(PROCEDURE + " still there " + DEPLOY_TIMEOUT.toSeconds()
                + " s after the probe was deleted from deploy/; last: " + last + "\n" + node.tail(40));
    }
}
