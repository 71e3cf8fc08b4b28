package dev.switchboard.router;

import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Hello;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One authentication method (WAMP spec, advanced: authentication). {@link #begin} answers HELLO with either a
 * principal right away (anonymous) or a challenge; {@link Challenge#verify} checks the AUTHENTICATE. Failures are
 * {@link AuthFailure}s with the URI to ABORT with. Implementations never say whether an authid exists.
 */
interface Authenticator {

    /** The authmethod as clients name it in HELLO.Details.authmethods. */
    String method();

    /** Starts authenticating; completes with a principal (no challenge needed) or with a challenge. */
    CompletableFuture<Step> begin(Hello hello, String authid, long sessionId);

    /** The outcome of {@link #begin}: exactly one of the two is set. */
    record Step(Principal principal, Challenge challenge) {
        static Step done(Principal p) {
            return new Step(p, null);
        }

        static Step challenge(Challenge c) {
            return new Step(null, c);
        }
    }

    /** A CHALLENGE sent to the client and how to check its AUTHENTICATE. */
    interface Challenge {
        Map<String, Object> extra();

        CompletableFuture<Principal> verify(Authenticate answer);
    }

    /** Authentication refused: ABORT with {@code uri}. */
    final class AuthFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String uri;

        AuthFailure(String uri, String message) {
            super(message, null, false, false);
            this.uri = uri;
        }
    }
}
