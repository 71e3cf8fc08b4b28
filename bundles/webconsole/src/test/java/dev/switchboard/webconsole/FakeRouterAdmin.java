package dev.switchboard.webconsole;

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

/** One realm with one session (id 42, authid carrying markup to prove it is never rendered as HTML). */
final class FakeRouterAdmin implements RouterAdmin {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    final List<String> kills = new ArrayList<>();
    RuntimeException failure;

    final SessionInfo session = new SessionInfo(42L, "realm1", "<script>alert(1)</script>", "user", "anonymous",
            "websocket", "ws://127.0.0.1:8080/ws", "tcp4:127.0.0.1:50000", "json", T0, 7, 5, -1, List.of(11L),
            List.of(21L));

    @Override
    public List<RealmInfo> realms() {
        if (failure != null) {
            throw failure;
        }
        return List.of(new RealmInfo("realm1", 1, 1, 1, 0, 7, 5, Map.of("CALL", 2L), Map.of("ERROR", 1L),
                Map.of("wamp.error.no_such_procedure", 1L, "app.error.x", 2L)));
    }

    @Override
    public List<SessionInfo> sessions(String realm) {
        if (failure != null) {
            throw failure;
        }
        return List.of(session);
    }

    @Override
    public Optional<SessionInfo> session(long id) {
        return id == 42 ? Optional.of(session) : Optional.empty();
    }

    @Override
    public List<RegistrationInfo> registrations(String realm) {
        return List.of(new RegistrationInfo(11L, "realm1", "com.example.add", "exact", "single", List.of(42L), T0));
    }

    @Override
    public List<SubscriptionInfo> subscriptions(String realm) {
        return List.of(new SubscriptionInfo(21L, "realm1", "com.example.news", "exact", List.of(42L), T0));
    }

    @Override
    public boolean kill(long sessionId, String reason, String message) {
        kills.add(sessionId + " " + reason + " " + message);
        return sessionId == 42;
    }

    @Override
    public CompletableFuture<CallOutcome> call(String realm, String procedure, List<Object> args,
            Map<String, Object> kwargs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Long> publish(String realm, String topic, List<Object> args,
            Map<String, Object> kwargs) {
        throw new UnsupportedOperationException();
    }
}
