package dev.switchboard.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsrfGuardTest {

    private final CsrfGuard guard = new CsrfGuard(new byte[32]);

    @Test
    void tokenIsStablePerUserAndDiffersBetweenUsersAndKeys() {
        assertEquals(guard.tokenFor("admin"), guard.tokenFor("admin"));
        assertNotEquals(guard.tokenFor("admin"), guard.tokenFor("operator"));
        assertNotEquals(guard.tokenFor("admin"), new CsrfGuard().tokenFor("admin"));
        assertTrue(guard.tokenFor("admin").matches("[A-Za-z0-9_-]{43}"), "URL-safe, no HTML specials");
    }

    @Test
    void sameOriginRequestWithTheTokenPasses() {
        String token = guard.tokenFor("admin");
        assertNull(guard.refusal("admin", token, null, null, "127.0.0.1:8090"));
        assertNull(guard.refusal("admin", token, "same-origin", "http://127.0.0.1:8090", "127.0.0.1:8090"));
    }

    @Test
    void missingOrForeignTokenIsRefused() {
        assertTrue(guard.refusal("admin", null, null, null, "h").startsWith("missing X-Switchboard-CSRF"));
        assertTrue(guard.refusal("admin", "forged", null, null, "h").startsWith("stale or wrong"));
        assertTrue(guard.refusal("admin", guard.tokenFor("operator"), null, null, "h").startsWith("stale or wrong"),
                "a token is bound to its user");
    }

    @Test
    void crossSiteRequestIsRefusedEvenWithAToken() {
        String token = guard.tokenFor("admin");
        assertTrue(guard.refusal("admin", token, "cross-site", null, "127.0.0.1:8090").contains("Sec-Fetch-Site"));
        assertTrue(guard.refusal("admin", token, null, "http://evil.example", "127.0.0.1:8090").contains("Origin"));
        assertTrue(guard.refusal("admin", token, null, "null", "127.0.0.1:8090").contains("Origin"));
        assertTrue(guard.refusal("admin", token, null, "http://127.0.0.1:9999", "127.0.0.1:8090").contains("Origin"));
    }
}
