package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bundles that are already in deploy/ when the node starts (FileInstall's first scan, which the launcher makes run
 * inside FileInstall's activator with {@code felix.fileinstall.noInitialDelay=true}). Each test has a node of its own
 * with a private deploy directory.
 */
class DeployAtStartupIT {
    /** A normal start takes 2-6 s here; a deadlocked one never ends, so do not wait the full minute. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aBundleInDeployAtStartupIsRunningWhenTheNodeIsReady() throws Exception {
        assertTrue(Files.isRegularFile(E2e.probeBundle()), E2e.probeBundle() + " is missing");
        try (NodeProcess node = NodeProcess.startReady(NodeProcess.builder("deploy-at-start-probe")
                .predeploy(E2e.probeBundle()).startTimeout(READY_TIMEOUT));
             WampClient client = WampClient.join(node.url(), E2e.REALM)) {
            // The ready line covers the configured realms and listeners, not what deployed bundles do once started:
            // the probe's in-process session may still be registering, so allow it a moment.
            assertEquals(List.of("hello from the probe bundle"),
                    HotDeployIT.pollUntilAnswered(client, node, Duration.ofSeconds(5)).results);
        }
    }

    /**
     * Regression: a bundle in deploy/ at start-up that exports a package FileInstall, Configuration Admin and SCR
     * import optionally (org.osgi.service.log, as any log service does). FileInstall's first scan runs in its
     * activator on the launcher's main thread; with its default optionalImportRefreshScope it refreshed those bundles
     * and deadlocked against its own Configuration Admin tracker, so the ready line never came (seen with an earlier
     * launcher; fixed by optionalImportRefreshScope=managed in FrameworkProperties).
     */
    @Test
    void aLogApiBundleInDeployAtStartupDoesNotDeadlockTheStart() {
        assertTrue(Files.isRegularFile(E2e.logApiBundle()), E2e.logApiBundle() + " is missing");
        try (NodeProcess node = NodeProcess.startReady(NodeProcess.builder("deploy-at-start-log")
                .predeploy(E2e.logApiBundle()).startTimeout(READY_TIMEOUT));
             WampClient client = WampClient.join(node.url(), E2e.REALM)) {
            assertEquals("wamp.close.goodbye_and_out", client.leave());
        }
    }
}
