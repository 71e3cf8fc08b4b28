package dev.switchboard.api.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The operator's view of a running router (shell commands, web console, metrics), registered as an OSGi service
 * by the router. Every answer is a consistent snapshot taken on the realm's own thread. Methods naming a realm
 * throw {@link IllegalArgumentException} ("no realm 'x'") for an unknown one.
 */
public interface RouterAdmin {

    List<RealmInfo> realms();

    /** Sessions of one realm, or of every realm when {@code realm} is {@code null}. */
    List<SessionInfo> sessions(String realm);

    Optional<SessionInfo> session(long id);

    List<RegistrationInfo> registrations(String realm);

    List<SubscriptionInfo> subscriptions(String realm);

    /**
     * Closes a session with GOODBYE ({@code reason} defaults to {@code wamp.close.killed}).
     *
     * @return whether a session with that id existed
     */
    boolean kill(long sessionId, String reason, String message);

    /**
     * Calls a procedure as the router's own admin session in {@code realm}. Completes with the result, or
     * exceptionally with an {@link AdminCallException} carrying the WAMP error.
     */
    CompletableFuture<CallOutcome> call(String realm, String procedure, List<Object> args, Map<String, Object> kwargs);

    /** Publishes (acknowledged) as the router's admin session; completes with the publication id. */
    CompletableFuture<Long> publish(String realm, String topic, List<Object> args, Map<String, Object> kwargs);
}
