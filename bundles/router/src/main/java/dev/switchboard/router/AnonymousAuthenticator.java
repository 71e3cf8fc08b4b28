package dev.switchboard.router;

import dev.switchboard.api.message.Hello;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code anonymous}: no credentials; the role is configured (static) or chosen by an authenticator (dynamic). */
final class AnonymousAuthenticator implements Authenticator {
    private final String role;
    private final DynamicAuth dynamic;

    AnonymousAuthenticator(String role, DynamicAuth dynamic) {
        this.role = role;
        this.dynamic = dynamic;
    }

    @Override
    public String method() {
        return "anonymous";
    }

    @Override
    public CompletableFuture<Step> begin(Hello hello, String authid, long sessionId) {
        String id = authid != null ? authid : "anonymous-" + Long.toString(sessionId & 0xffffffffL, 36);
        if (dynamic == null) {
            return CompletableFuture.completedFuture(Step.done(new Principal(id, role, "anonymous", "static", Map.of())));
        }
        return dynamic.ask(hello, id, sessionId, "anonymous", Map.of()).thenApply(answer -> Step.done(
                new Principal(Dicts.string(answer, "authid", id), (String) answer.get("role"), "anonymous", "dynamic",
                        Dicts.dict(answer, "extra"))));
    }
}
