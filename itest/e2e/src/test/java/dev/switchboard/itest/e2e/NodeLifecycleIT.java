package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossbar.autobahn.wamp.types.CloseDetails;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping and failing to start: each test runs a node of its own, the shared node is only a port holder. */
class NodeLifecycleIT {

    /**
     * SIGTERM: the router says GOODBYE ({@code wamp.close.system_shutdown}, basic/session) to every session while the
     * transports are still up, then the process exits 0. Checked with both clients at once.
     */
    @Test
    void sigtermSaysGoodbyeWithSystemShutdownToConnectedClientsAndExitsZero() {
        try (NodeProcess node = NodeProcess.startReady(NodeProcess.builder("graceful-stop"));
             ClientScript js = ClientScript.node("await-shutdown.js", node.url());
             WampClient java = WampClient.join(node.url(), E2e.REALM)) {
            assertTrue(js.awaitLine(Pattern.compile("^JOINED \\d+"), WampClient.TIMEOUT).isPresent(),
                    "AutobahnJS did not join\n" + js.tail());

            int exitCode = node.stop();

            CloseDetails javaGoodbye = WampClient.await(java.left(), Duration.ofSeconds(5));
            assertEquals("wamp.close.system_shutdown", javaGoodbye.reason, "autobahn-java's close reason");
            js.awaitSuccess(Duration.ofSeconds(10));
            JsonNode jsGoodbye = js.result();
            assertEquals("wamp.close.system_shutdown", jsGoodbye.path("reason").asText(),
                    "AutobahnJS's close reason: " + jsGoodbye);
            assertEquals(0, exitCode, "exit code after SIGTERM\n" + node.tail(40));
        }
    }

    /** A node that cannot bind its port must not half-start: it exits non-zero and says which port. */
    @Test
    @ExtendWith(SharedNode.class)
    void aSecondNodeOnAPortInUseExitsNonZeroNamingThePort(NodeProcess running) {
        try (NodeProcess second = NodeProcess.builder("port-taken").port(running.port()).start()) {
            Optional<Integer> exitCode = second.awaitExit(NodeProcess.START_TIMEOUT);

            assertTrue(exitCode.isPresent(), "the second node still runs on a taken port\n" + second.tail(40));
            assertNotEquals(0, exitCode.get(), "exit code\n" + second.tail(40));
            String port = Integer.toString(running.port());
            assertTrue(second.output().stream().anyMatch(line -> line.contains(":" + port)
                            && line.toLowerCase(Locale.ROOT).contains("in use")),
                    "no line names port " + port + " as in use\n" + second.tail(40));
        }
        // The node that holds the port is unaffected.
        try (WampClient client = WampClient.join(running.url(), E2e.REALM)) {
            assertEquals("wamp.close.goodbye_and_out", client.leave());
        }
    }
}
