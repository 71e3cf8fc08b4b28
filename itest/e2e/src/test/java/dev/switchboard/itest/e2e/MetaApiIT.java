package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The meta API, testaments and event history (issue 4) with AutobahnJS ({@code js/meta.js}), on the configured node:
 * event history needs a realm configured with {@code eventHistory}, and the session meta API scenario counts and
 * kills every session of its realm, so it gets one of its own.
 */
@ExtendWith(ConfiguredNode.class)
class MetaApiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static JsonNode run(ConfiguredNode.Configured node, String scenario, String realm) {
        return ClientScript.runNode(TIMEOUT, "meta.js", scenario, node.node().url(), realm);
    }

    @Test
    void sessionMetaProceduresAndEvents(ConfiguredNode.Configured node) {
        JsonNode result = run(node, "sessionMeta", ConfiguredNode.META);
        assertEquals(2, result.path("killedTwins").asInt());
        assertEquals(2, result.path("killedByRole").asInt());
    }

    @Test
    void registrationMetaProceduresAndEvents(ConfiguredNode.Configured node) {
        run(node, "registrationMeta", ConfiguredNode.ADV);
    }

    @Test
    void subscriptionMetaProceduresAndEvents(ConfiguredNode.Configured node) {
        run(node, "subscriptionMeta", ConfiguredNode.ADV);
    }

    @Test
    void testamentsArePublishedWhenASessionGoesAwayUnlessFlushed(ConfiguredNode.Configured node) {
        JsonNode result = run(node, "testaments", ConfiguredNode.ADV);
        assertEquals("[\"A detached\",\"A destroyed 1\",\"A destroyed 2\",\"C\"]", result.path("wills").toString());
    }

    @Test
    void eventHistoryOfAConfiguredTopicAnswersGetEventsWithItsFilters(ConfiguredNode.Configured node) {
        JsonNode result = run(node, "eventHistory", ConfiguredNode.ADV);
        assertEquals("[\"e5\",\"e6\",\"e7\",\"e8\"]", result.path("kept").toString());
    }
}
