package dev.switchboard.client.testing;

import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampSession;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting helpers with a bound, so that a broken client or component fails a test instead of hanging it (the demo
 * components and the PostgreSQL connector use them through this module's test jar).
 */
public final class TestSupport {
    /** Long enough for a database restart in the connector's tests; a passing test never waits it out. */
    public static final long TIMEOUT_SECONDS = 10;

    private TestSupport() {}

    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no completion within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for {@code stage} to fail and returns the cause, checked for its type. */
    public static <E extends Throwable> E awaitFailure(CompletionStage<?> stage, Class<E> type) {
        try {
            Object value = stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return fail("expected " + type.getSimpleName() + ", got result " + value);
        } catch (ExecutionException e) {
            return assertInstanceOf(type, e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            return assertInstanceOf(type, e);
        } catch (TimeoutException e) {
            return fail("no completion within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static <T> T poll(BlockingQueue<T> queue) {
        try {
            T item = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (item == null) {
                fail("nothing arrived within " + TIMEOUT_SECONDS + " s");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code condition} holds: for state the router updates on its own threads after answering. */
    public static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + TIMEOUT_SECONDS + " s: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Records listener callbacks as strings such as {@code join}, {@code leave:wamp.close.killed}. */
    public static class RecordingListener implements SessionListener {
        public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        public final BlockingQueue<WampSession> joined = new LinkedBlockingQueue<>();

        @Override
        public void onJoin(WampSession session) {
            joined.add(session);
            events.add("join");
        }

        @Override
        public void onLeave(WampSession session, String reason) {
            events.add("leave:" + reason);
        }

        @Override
        public void onDisconnect(WampSession session, boolean willReconnect) {
            events.add("disconnect:" + (willReconnect ? "reconnect" : "final"));
        }

        @Override
        public void onJoinFailed(Throwable cause, boolean willRetry) {
            events.add("joinFailed:" + (willRetry ? "retry" : "final"));
        }

        public String next() {
            return poll(events);
        }
    }
}
