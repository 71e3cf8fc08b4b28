package dev.switchboard.router;

import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.serializer.Serializer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The router core with its realm actors run inline on the caller's thread (as the router's own test harness
 * does): a benchmark then measures routing work, not thread hand-offs.
 */
final class BenchRouter {
    static final String REALM = "realm1";
    private static final Map<String, Object> ROLES = Map.of("roles", Map.of(
            "caller", Map.of(), "callee", Map.of(), "publisher", Map.of(), "subscriber", Map.of()));

    final RouterCore core = new RouterCore();

    BenchRouter() {
        core.start(new InlineExecutorService(), "Switchboard/bench");
        core.addRealm(REALM, false);
    }

    /** A session that has joined the realm. */
    BenchPeer join(Serializer serializer) {
        BenchPeer peer = new BenchPeer(serializer);
        peer.session = core.connect(peer);
        peer.session.receive(new Hello(REALM, ROLES));
        peer.last(Welcome.class);
        return peer;
    }

    /** Runs every task at once on the submitting thread. */
    static final class InlineExecutorService extends AbstractExecutorService {
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
