package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** AutobahnJS 22.11.1 on Node.js against the node: the scenarios in {@code js/}, each its own process. */
@ExtendWith(SharedNode.class)
class AutobahnJsIT {
    private static final int SWARM = 100;

    @Test
    void basicRpcAndPubSubScenario(NodeProcess node) {
        JsonNode result = ClientScript.runNode(Duration.ofSeconds(60), "basic.js", node.url());

        assertEquals(5, result.path("sum").asInt());
        assertEquals("hello js", result.path("greeting").path("args").path(0).asText());
        assertEquals(6, result.path("greeting").path("kwargs").path("times").asInt());
        assertEquals("com.example.error.refused", result.path("refused").asText());
        assertEquals("wamp.close.goodbye_and_out", result.path("goodbye").asText());
    }

    @Test
    void hundredConcurrentSessionsCallEachOtherAndReceiveEveryEvent(NodeProcess node) {
        JsonNode result = ClientScript.runNode(Duration.ofSeconds(100), "swarm.js", node.url(),
                Integer.toString(SWARM));

        assertEquals(SWARM, result.path("sessions").asInt());
        assertEquals(SWARM, result.path("calls").asInt(), "every call returned");
        assertEquals(SWARM * (SWARM - 1), result.path("events").asInt(), "every session got every other's event once");
        assertEquals(SWARM, result.path("cleanLeaves").asInt(), "every session left with GOODBYE");
    }

    @Test
    void autobahnJsConnectsOverTheUnixDomainSocketListener(NodeProcess node) {
        assertTrue(Files.exists(node.unixSocket()), "the node should listen on " + node.unixSocket());

        JsonNode result = ClientScript.runNode(Duration.ofSeconds(60), "uds.js", node.unixUrl(), node.url());

        assertEquals(node.unixUrl(), result.path("url").asText());
        assertEquals(2, result.path("calls").asInt());
        assertEquals(2, result.path("events").asInt());
        assertEquals("wamp.close.goodbye_and_out", result.path("goodbye").asText());
    }
}
