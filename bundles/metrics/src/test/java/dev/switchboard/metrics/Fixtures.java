package dev.switchboard.metrics;

import dev.switchboard.api.admin.CallOutcome;
import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import dev.switchboard.api.router.TransportListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A router whose realms() answers what the test says; the metrics read nothing else. */
final class Fixtures {

    static final RealmInfo REALM1 = new RealmInfo("realm1", 3, 2, 1, 1, 20, 18,
            Map.of("HELLO", 3L, "CALL", 5L), Map.of("WELCOME", 3L, "RESULT", 4L, "ERROR", 1L),
            Map.of("wamp.error.no_such_procedure", 1L));
    static final RealmInfo QUIET = new RealmInfo("com.example.quiet", 0, 0, 0, 0, 0, 0, Map.of(), Map.of(),
            Map.of());

    private Fixtures() {
    }

    static RouterAdmin router(Supplier<List<RealmInfo>> realms) {
        return new RouterAdmin() {
            @Override
            public List<RealmInfo> realms() {
                return realms.get();
            }

            @Override
            public List<SessionInfo> sessions(String realm) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<SessionInfo> session(long id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<RegistrationInfo> registrations(String realm) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<SubscriptionInfo> subscriptions(String realm) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean kill(long sessionId, String reason, String message) {
                throw new UnsupportedOperationException();
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
        };
    }

    static Map.Entry<Map<String, Object>, TransportListener> listener(String name, String transport,
            int connections, String... addresses) {
        TransportListener listener = new TransportListener() {
            @Override
            public String transport() {
                return transport;
            }

            @Override
            public List<String> addresses() {
                return List.of(addresses);
            }

            @Override
            public int connectionCount() {
                return connections;
            }
        };
        return Map.entry(Map.of("name", name, "service.id", 1L), listener);
    }

    static MetricsSource source(List<RealmInfo> realms) {
        return new MetricsSource(router(() -> realms), List.of(
                listener("websocket", "websocket", 2, "ws://127.0.0.1:8080/ws", "ws+unix:run/ws.sock")));
    }
}
