package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Advanced Profile's RPC and PubSub features (issue 4) with real clients: AutobahnJS ({@code js/advanced.js}), and
 * autobahn-python ({@code py/advanced.py}) where a callee must announce {@code call_canceling} to receive INTERRUPT
 * (AutobahnJS's callee does not). Each test is one scenario in a process of its own; the scenario checks everything
 * it sees (including raw messages on the wire) and the test checks its exit code and a summary.
 */
@ExtendWith(SharedNode.class)
class AdvancedProfileIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static JsonNode js(NodeProcess node, String scenario) {
        return ClientScript.runNode(TIMEOUT, "advanced.js", scenario, node.url());
    }

    @Test
    void welcomeAnnouncesTheFeaturesOnBrokerAndDealer(NodeProcess node) {
        JsonNode result = js(node, "announcedFeatures");
        assertTrue(result.path("broker").toString().contains("\"session_meta_api\""), result.toString());
        assertTrue(result.path("dealer").toString().contains("\"session_meta_api\""), result.toString());
    }

    /**
     * The event history text asks a broker with event_history to announce the role callee too; autobahn-python 22.7
     * rejects WELCOME with any router role but broker and dealer ("invalid role 'callee'"), so the router announces
     * event_history on the broker and no extra role: this guards that choice.
     */
    @Test
    void welcomeAnnouncesEventHistoryAndOnlyTheBrokerAndDealerRoles(NodeProcess node) {
        JsonNode result = js(node, "announcedFeatures");
        assertTrue(result.path("broker").toString().contains("\"event_history\""), result.toString());
        assertTrue(!result.path("roles").toString().contains("\"callee\""),
                "clients reject router roles other than broker and dealer: " + result.path("roles"));
    }

    @Test
    void progressiveCallResultsArriveInOrderBeforeExactlyOneFinalResult(NodeProcess node) {
        JsonNode result = js(node, "progressive");
        assertEquals(3, result.path("progress").asInt());
        assertEquals(4, result.path("results").asInt(), "3 progressive RESULTs + 1 final");
    }

    /** A callee without call_canceling: every mode behaves as skip (spec), exactly one ERROR, no INTERRUPT. */
    @Test
    void cancelingACallToACalleeWithoutCallCancelingGivesOneCanceledErrorAtOnce(NodeProcess node) {
        JsonNode result = js(node, "cancelSkipSemantics");
        for (String mode : new String[] {"skip", "kill", "killnowait"}) {
            assertEquals("wamp.error.canceled", result.path("outcome").path(mode).path("error").asText(), mode);
        }
        assertEquals("wamp.error.canceled", result.path("api").asText(), "AutobahnJS cancel({mode: 'kill'})");
    }

    /** skip, kill and killnowait against autobahn-python, which announces call_canceling and gets INTERRUPT. */
    @Test
    void cancelModesInterruptACalleeThatAnnouncesCallCanceling(NodeProcess node) {
        JsonNode result = ClientScript.runPython(TIMEOUT, "advanced.py", "cancel", node.url());
        // The callee answers an INTERRUPT after 800 ms (py/advanced.py LINGER).
        assertTrue(result.path("kill").path("answered_after_ms").asInt() >= 720,
                "kill: the caller's ERROR waits for the callee's answer to INTERRUPT: " + result);
        assertTrue(result.path("killnowait").path("answered_after_ms").asInt() < 720,
                "killnowait: the caller's ERROR comes at once: " + result);
    }

    @Test
    void aCallTimeoutEndsTheCallWithWampErrorTimeout(NodeProcess node) {
        JsonNode result = js(node, "timeout");
        assertEquals("wamp.error.timeout", result.path("error").asText());
    }

    @Test
    void aCallTimeoutInterruptsACalleeThatAnnouncesCallCanceling(NodeProcess node) {
        JsonNode result = ClientScript.runPython(TIMEOUT, "advanced.py", "timeout", node.url());
        assertEquals("wamp.error.timeout", result.path("error").asText());
        assertEquals("killnowait", result.path("interrupt_mode").asText());
    }

    /** README: "a caller that leaves interrupts its callees". */
    @Test
    void aCallerThatDropsItsConnectionInterruptsTheCallee(NodeProcess node) {
        JsonNode result = ClientScript.runPython(TIMEOUT, "advanced.py", "callerLeaves", node.url());
        assertEquals("killnowait", result.path("interrupt_mode").asText());
    }

    @Test
    void callerIdentificationDisclosesTheCallerOnlyWhenAsked(NodeProcess node) {
        JsonNode result = js(node, "callerIdentification");
        assertEquals("e2e-caller", result.path("disclosed").path("caller_authid").asText());
        assertTrue(result.path("hidden").isEmpty(), "nothing disclosed without disclose_me: " + result);
    }

    @Test
    void patternBasedRegistrationsFollowTheSpecsPrecedenceAndPassTheProcedure(NodeProcess node) {
        JsonNode routed = js(node, "patternRegistration").path("routed");
        assertEquals(1, routed.path("x.a1.b2.c3.d4.e55").asInt(), "exact");
        assertEquals(3, routed.path("x.a1.b2.c3.d4.e325").asInt(), "longest prefix");
        assertEquals(5, routed.path("w.a1.b2.c3.d4.e5").asInt(), "wildcard with the longer first portion");
    }

    @Test
    void sharedRegistrationsHonourEachInvocationPolicy(NodeProcess node) {
        JsonNode result = js(node, "sharedRegistration");
        assertEquals("[\"A\",\"B\",\"C\",\"A\",\"B\",\"C\"]", result.path("roundrobin").toString());
        assertEquals("wamp.error.canceled", result.path("lost").asText(), "the chosen callee dropped mid-call");
    }

    @Test
    void publisherIdentificationAndExclusion(NodeProcess node) {
        JsonNode result = js(node, "publisherOptions");
        assertTrue(result.path("disclosed").asBoolean());
    }

    @Test
    void subscriberBlackAndWhiteListsSelectTheReceivers(NodeProcess node) {
        JsonNode result = js(node, "blackWhiteListing");
        assertEquals("[1]", result.path("eligible+exclude").toString());
        assertEquals("[]", result.path("exclude_authrole").toString());
    }

    @Test
    void patternBasedSubscriptionsCarryTheTopic(NodeProcess node) {
        assertEquals(6, js(node, "patternSubscription").path("events").asInt());
    }

    @Test
    void aRetainedEventGoesToLateSubscribersThatAskForIt(NodeProcess node) {
        assertEquals(2, js(node, "retention").path("got").asInt());
    }

    /** Race: the callee drops its connection between two progressive results and the final one. */
    @Test
    void aCalleeThatLeavesDuringAProgressiveCallEndsItWithOneError(NodeProcess node) {
        JsonNode result = js(node, "calleeLeavesDuringProgressiveCall");
        assertEquals("[1,2]", result.path("progress").toString());
        assertEquals("wamp.error.canceled", result.path("error").asText());
    }

    /** Race: half the subscribers drop while 400 events fan out; the rest get every event in order. */
    @Test
    void subscribersLeavingDuringAFanOutDoNotDisturbTheOthers(NodeProcess node) {
        JsonNode result = js(node, "subscribersLeaveDuringFanOut");
        assertEquals(10, result.path("remaining").asInt());
    }
}
