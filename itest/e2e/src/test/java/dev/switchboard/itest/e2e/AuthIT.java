package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authentication and authorization (issue 5) with autobahn-python ({@code py/auth.py}) and AutobahnJS
 * ({@code js/auth.js}) against the listeners and realms of the configured node: per authmethod success, wrong secret,
 * unknown authid and wrong method; the dynamic authenticator; per permission type allowed and denied.
 */
@ExtendWith(ConfiguredNode.class)
class AuthIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String FAILED = "wamp.error.authentication_failed";

    private static JsonNode python(ConfiguredNode.Configured node, String scenario) {
        return ClientScript.runPython(TIMEOUT, "auth.py", scenario, node.scriptConfig());
    }

    @Test
    void ticket(ConfiguredNode.Configured node) {
        JsonNode result = python(node, "ticket");
        assertEquals("user", result.path("joe").path("authrole").asText());
        assertEquals(FAILED, result.path("wrong").path("reason").asText());
        assertEquals(FAILED, result.path("unknown").path("reason").asText());
    }

    @Test
    void wampCraPlainAndSalted(ConfiguredNode.Configured node) {
        JsonNode result = python(node, "wampcra");
        assertEquals("salty", result.path("salty").path("authid").asText());
        assertEquals(FAILED, result.path("wrong_salted").path("reason").asText());
    }

    @Test
    void cryptosignWithAKeyGeneratedByTheTest(ConfiguredNode.Configured node) {
        JsonNode result = python(node, "cryptosign");
        assertEquals("carol", result.path("carol").path("authid").asText());
        assertEquals(FAILED, result.path("forged").path("reason").asText());
    }

    @Test
    void wrongMethodIsNoMatchingAuthMethodAndTheClientsOrderIsHonoured(ConfiguredNode.Configured node) {
        JsonNode result = python(node, "methods");
        assertEquals("wamp.error.no_matching_auth_method", result.path("anonymous").path("reason").asText());
        assertEquals("[\"wampcra\",\"ticket\"]", result.path("order").toString());
    }

    @Test
    void failedAuthenticationsAreThrottledPerSourceAddress(ConfiguredNode.Configured node) {
        JsonNode result = python(node, "throttle");
        assertEquals(FAILED, result.path("blocked").path("reason").asText());
        assertEquals("joe", result.path("elsewhere").asText());
    }

    @Test
    void aDynamicAuthenticatorProcedureDecides(ConfiguredNode.Configured node) {
        JsonNode result = python(node, "dynamic");
        assertEquals("dynamic", result.path("joe").path("authprovider").asText());
        assertEquals("e2e.error.go_away", result.path("custom").path("reason").asText());
        assertTrue(result.path("gone").path("reason").asText().startsWith("wamp.error."), result.toString());
    }

    @Test
    void permissionsAllowAndDenyEachActionAndDeniedActionsChangeNothing(ConfiguredNode.Configured node) {
        JsonNode result = python(node, "authorization");
        for (String action : new String[] {"call", "register", "publish", "subscribe"}) {
            assertEquals("allowed and denied", result.path(action).asText(), action);
        }
    }

    @Test
    void autobahnJsAuthenticatesWithTicketWampCraAndCryptosign(ConfiguredNode.Configured node) {
        JsonNode result = ClientScript.runNode(TIMEOUT, "auth.js", node.scriptConfig());
        assertEquals("cryptosign", result.path("cryptosign").path("authmethod").asText());
        assertEquals(FAILED, result.path("wrong").path("reason").asText());
    }
}
