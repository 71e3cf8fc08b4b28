package dev.switchboard.shell;

import dev.switchboard.api.admin.AdminCallException;
import dev.switchboard.api.admin.CallOutcome;
import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A router with one realm {@code realm1}: two sessions, one registration ({@code com.example.add}, answered with
 * the sum of its arguments) and one subscription. Records kills and publishes so tests can check what was asked.
 */
final class FakeRouterAdmin implements RouterAdmin {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    final List<String> kills = new ArrayList<>();
    final List<String> publishes = new ArrayList<>();
    List<Object> lastCallArgs;
    Map<String, Object> lastCallKwargs;

    final RealmInfo realm1 = new RealmInfo("realm1", 2, 1, 1, 0, 12, 10,
            Map.of("HELLO", 2L, "CALL", 3L, "REGISTER", 1L), Map.of("WELCOME", 2L, "RESULT", 2L, "ERROR", 1L),
            Map.of("wamp.error.no_such_procedure", 1L));
    final SessionInfo alice = new SessionInfo(1234567L, "realm1", "alice", "user", "anonymous", "websocket",
            "ws://127.0.0.1:8080/ws", "tcp4:127.0.0.1:50000", "json", T0, 7, 5, 0, List.of(11L), List.of());
    final SessionInfo bob = new SessionInfo(42L, "realm1", "bob", "backend", "ticket", "rawsocket",
            "rs://127.0.0.1:8081", "tcp4:127.0.0.1:50001", "msgpack", T0.plusSeconds(60), 5, 5, -1, List.of(),
            List.of(21L));
    final RegistrationInfo add = new RegistrationInfo(11L, "realm1", "com.example.add", "exact", "single",
            List.of(1234567L), T0);
    final SubscriptionInfo news = new SubscriptionInfo(21L, "realm1", "com.example.", "prefix", List.of(42L), T0);

    @Override
    public List<RealmInfo> realms() {
        return List.of(realm1);
    }

    @Override
    public List<SessionInfo> sessions(String realm) {
        check(realm);
        return List.of(alice, bob);
    }

    @Override
    public Optional<SessionInfo> session(long id) {
        return id == alice.id() ? Optional.of(alice) : id == bob.id() ? Optional.of(bob) : Optional.empty();
    }

    @Override
    public List<RegistrationInfo> registrations(String realm) {
        check(realm);
        return List.of(add);
    }

    @Override
    public List<SubscriptionInfo> subscriptions(String realm) {
        check(realm);
        return List.of(news);
    }

    @Override
    public boolean kill(long sessionId, String reason, String message) {
        kills.add(sessionId + " " + reason + " " + message);
        return session(sessionId).isPresent();
    }

    @Override
    public CompletableFuture<CallOutcome> call(String realm, String procedure, List<Object> args,
            Map<String, Object> kwargs) {
        check(realm);
        lastCallArgs = args;
        lastCallKwargs = kwargs;
        if (procedure.equals("com.example.add")) {
            long sum = args.stream().mapToLong(a -> ((Number) a).longValue()).sum();
            return CompletableFuture.completedFuture(new CallOutcome(List.of(sum), Map.of()));
        }
        if (procedure.equals("com.example.nothing")) {
            return CompletableFuture.completedFuture(new CallOutcome(null, null)); // as the router answers it
        }
        if (procedure.equals("com.example.slow")) {
            return new CompletableFuture<>();
        }
        return CompletableFuture.failedFuture(new AdminCallException("wamp.error.no_such_procedure",
                List.of("no callee registered for procedure '" + procedure + "'"), Map.of()));
    }

    @Override
    public CompletableFuture<Long> publish(String realm, String topic, List<Object> args,
            Map<String, Object> kwargs) {
        check(realm);
        publishes.add(topic + " " + args + " " + kwargs);
        return CompletableFuture.completedFuture(777L);
    }

    /** As the router does: an unknown realm is an IllegalArgumentException. */
    private static void check(String realm) {
        if (realm != null && !realm.equals("realm1")) {
            throw new IllegalArgumentException("no realm '" + realm + "'");
        }
    }
}
