package dev.switchboard.router;

import dev.switchboard.api.admin.AdminCallException;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.uri.WampErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks an application procedure to authenticate, as Crossbar's dynamic authenticators do: the router calls
 * {@code procedure(realm, authid, details)} and the answer is a role name or a dict ({@code role}, optional
 * {@code authid}, {@code extra}, and per method {@code secret}/{@code salt}... or {@code pubkey}). An ERROR from
 * the procedure aborts the session with that error's URI.
 */
final class DynamicAuth {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DynamicAuth.class);
    /** Errors the router itself raises for a call; they mean "no decision", not a refusal by the authenticator. */
    private static final java.util.Set<String> ROUTER_ERRORS = java.util.Set.of(WampErrors.NO_SUCH_PROCEDURE,
            WampErrors.CANCELED, WampErrors.TIMEOUT, WampErrors.NO_SUCH_REALM, WampErrors.PAYLOAD_SIZE_EXCEEDED);
    /** Calls a procedure in a realm as the router (see RouterCore). */
    interface Caller {
        CompletableFuture<List<Object>> call(String realm, String procedure, List<Object> args);
    }

    private final Caller caller;
    private final String procedure;
    private final String realm;

    DynamicAuth(Caller caller, String procedure, String realm) {
        this.caller = caller;
        this.procedure = procedure;
        this.realm = realm;
    }

    static DynamicAuth of(Map<String, Object> config, Caller caller, String method) {
        if (!(config.get("authenticator") instanceof String procedure)) {
            throw new IllegalArgumentException(method + ": a dynamic authenticator needs 'authenticator' (a procedure URI)");
        }
        Object realm = config.get("authenticator-realm");
        return new DynamicAuth(caller, procedure, realm instanceof String r ? r : null);
    }

    /** The authenticator's answer as a dict with at least {@code role}. */
    CompletableFuture<Map<String, Object>> ask(Hello hello, String authid, long sessionId, String method,
            Map<String, Object> extraDetails) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("authmethod", method);
        details.put("session", sessionId);
        details.put("authextra", Dicts.dict(hello.details(), "authextra"));
        details.putAll(extraDetails);
        String where = realm == null ? hello.realm() : realm;
        return caller.call(where, procedure, java.util.Arrays.asList(hello.realm(), authid, details))
                .handle((result, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        if (cause instanceof AdminCallException e && !ROUTER_ERRORS.contains(e.uri())) {
                            throw new Authenticator.AuthFailure(e.uri(), "the authenticator refused: " + e.getMessage());
                        }
                        // The authenticator is not there or did not answer: the client must not learn router
                        // internals, and the operator must.
                        LOG.warn("Authenticator '{}' could not decide: {}", procedure, cause.getMessage());
                        throw new Authenticator.AuthFailure(WampErrors.AUTHENTICATION_FAILED,
                                "the authenticator '" + procedure + "' could not be called: " + cause.getMessage());
                    }
                    return answer(result);
                });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> answer(List<Object> result) {
        Object first = result == null || result.isEmpty() ? null : result.get(0);
        if (first instanceof String role) {
            return Map.of("role", role);
        }
        if (first instanceof Map<?, ?> m && m.get("role") instanceof String) {
            return (Map<String, Object>) m;
        }
        throw new Authenticator.AuthFailure(WampErrors.AUTHENTICATION_FAILED,
                "the authenticator '" + procedure + "' answered neither a role nor a dict with 'role'");
    }
}
