package dev.switchboard.client.internal;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampSession;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The joins of one connector and the threads they run on; closing it leaves every session. */
public final class Joins {
    private final ClientRuntime runtime;
    private final ClientSession.Timeouts timeouts;
    private final Set<JoinLoop> loops = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public Joins(String name) {
        this(name, ClientSession.Timeouts.DEFAULT);
    }

    Joins(String name, ClientSession.Timeouts timeouts) {
        this.runtime = new ClientRuntime(name);
        this.timeouts = timeouts;
    }

    public CompletableFuture<WampSession> join(String realm, SessionListener listener, JoinOptions options,
            TransportFactory transports, ReconnectPolicy policy) {
        if (realm == null || realm.isEmpty()) {
            throw new IllegalArgumentException("a realm name is required");
        }
        Objects.requireNonNull(options, "options");
        if (closed) {
            return CompletableFuture.failedFuture(
                    new SessionClosedException(WampErrors.CLOSE_SYSTEM_SHUTDOWN, "the connector is stopped"));
        }
        JoinLoop loop = new JoinLoop(realm, options, listener == null ? SessionListener.NONE : listener, transports,
                policy, runtime, timeouts, loops::remove);
        loops.add(loop);
        return loop.start();
    }

    /** Leaves every session (GOODBYE), waiting up to {@code grace} for the router's answers, then stops the threads. */
    public void close(Duration grace) {
        closed = true;
        CompletableFuture<?>[] stopping = loops.stream().map(JoinLoop::stop).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stopping).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Leaving is best effort: the router frees what is left when the connection closes.
        }
        runtime.shutdown();
    }

    public int activeJoins() {
        return loops.size();
    }

    @Override
    public String toString() {
        return "Joins[" + loops.size() + " active, " + runtime + "]";
    }
}
