package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.serializer.Serializer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** A router whose realm actors run inline on the calling thread, so tests are deterministic. */
final class Harness {
    static final Map<String, Object> ALL_ROLES = Map.of("roles", Map.of(
            "caller", Map.of(), "callee", Map.of(), "publisher", Map.of(), "subscriber", Map.of()));

    final RouterCore router = new RouterCore();

    Harness() {
        router.start(new DirectExecutorService(), "Switchboard/test");
        router.addRealm("realm1", false);
        router.addRealm("strict", true);
    }

    FakePeer connect(Serializer serializer) {
        FakePeer peer = new FakePeer(serializer);
        peer.session = router.connect(peer);
        return peer;
    }

    FakePeer join(String realm) {
        return join(realm, null);
    }

    FakePeer join(String realm, Serializer serializer) {
        return join(realm, serializer, ALL_ROLES);
    }

    /** A client announcing every advanced feature a callee, caller, publisher and subscriber can announce. */
    FakePeer joinAdvanced(String realm) {
        Map<String, Object> features = Map.of("features", Map.of("progressive_call_results", true,
                "call_canceling", true, "call_timeout", true, "caller_identification", true,
                "pattern_based_registration", true, "shared_registration", true));
        return join(realm, null, Map.of("roles", Map.of("caller", features, "callee", features,
                "publisher", Map.of(), "subscriber", Map.of())));
    }

    FakePeer join(String realm, Serializer serializer, Map<String, Object> details) {
        FakePeer peer = connect(serializer);
        peer.deliver(new Hello(realm, details));
        peer.next(Welcome.class);
        return peer;
    }

    long sessionId(FakePeer peer) {
        return ((Session) peer.session).id();
    }

    static void assertError(Error e, int requestType, long request, String uri) {
        assertEquals(requestType, e.requestType(), "ERROR request type");
        assertEquals(request, e.request(), "ERROR request id");
        assertEquals(uri, e.error(), "ERROR uri");
    }

    static final class DirectExecutorService extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
