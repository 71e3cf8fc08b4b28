package dev.switchboard.router;

import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.uri.WampErrors;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ticket} (advanced/authentication_ticket): the client sends a shared secret in AUTHENTICATE. Static
 * principals hold the ticket in plain text or as {@code $pbkdf2-sha256$...}; a dynamic authenticator gets the
 * ticket in {@code details.ticket}.
 */
final class TicketAuthenticator implements Authenticator {
    private final Map<String, Object> principals;
    private final DynamicAuth dynamic;

    TicketAuthenticator(Map<String, Object> principals, DynamicAuth dynamic) {
        this.principals = principals;
        this.dynamic = dynamic;
    }

    @Override
    public String method() {
        return "ticket";
    }

    @Override
    public CompletableFuture<Step> begin(Hello hello, String authid, long sessionId) {
        if (authid == null) {
            throw new AuthFailure(WampErrors.AUTHENTICATION_FAILED, "ticket authentication needs an authid");
        }
        return CompletableFuture.completedFuture(Step.challenge(new Challenge() {
            @Override
            public Map<String, Object> extra() {
                return Map.of();
            }

            @Override
            public CompletableFuture<Principal> verify(Authenticate answer) {
                return dynamic == null ? CompletableFuture.completedFuture(checkStatic(hello, authid, answer.signature()))
                        : dynamic.ask(hello, authid, sessionId, "ticket", Map.of("ticket", answer.signature()))
                                .thenApply(a -> new Principal(Dicts.string(a, "authid", authid), (String) a.get("role"),
                                        "ticket", "dynamic", Dicts.dict(a, "extra")));
            }
        }));
    }

    private Principal checkStatic(Hello hello, String authid, String ticket) {
        Map<String, Object> principal = Dicts.dict(principals, authid);
        String expected = Dicts.string(principal, "ticket", null);
        String realm = Dicts.string(principal, "realm", null);
        // Same answer whether the authid is unknown or the ticket wrong: no hint which.
        if (expected == null || !Secrets.ticketMatches(expected, ticket) || (realm != null && !realm.equals(hello.realm()))) {
            throw new AuthFailure(WampErrors.AUTHENTICATION_FAILED, "invalid authid or ticket");
        }
        return new Principal(authid, Dicts.string(principal, "role", "anonymous"), "ticket", "static", Map.of());
    }
}
