package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.crossbar.autobahn.wamp.Client;
import io.crossbar.autobahn.wamp.Session;
import io.crossbar.autobahn.wamp.exceptions.ApplicationError;
import io.crossbar.autobahn.wamp.types.CloseDetails;
import io.crossbar.autobahn.wamp.types.ExitInfo;
import io.crossbar.autobahn.wamp.types.SessionDetails;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One autobahn-java session, with every wait bounded: autobahn-java completes nothing when a connection fails or the
 * router sends ABORT (it only calls listeners), so the listeners feed futures here that tests can wait on.
 */
final class WampClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * Handlers and autobahn-java's own follow-ups (closing the transport after GOODBYE) run here, not in the common
     * pool, so that a handler that blocks cannot stall other sessions. Never shut down: autobahn-java may still
     * submit work after a test is done with a client; idle daemon threads end by themselves.
     */
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "autobahn-java-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Session session;
    private final CompletableFuture<SessionDetails> joined = new CompletableFuture<>();
    private final CompletableFuture<CloseDetails> left = new CompletableFuture<>();
    private final CompletableFuture<ExitInfo> disconnected;

    private WampClient(String url, String realm) {
        session = new Session(EXECUTOR);
        session.addOnJoinListener((s, details) -> joined.complete(details));
        session.addOnLeaveListener((s, details) -> left.complete(details));
        disconnected = new Client(session, url, realm, EXECUTOR).connect();
        // A connection that never comes up ends neither future: the waits below are bounded instead.
        disconnected.thenRun(() -> left.complete(new CloseDetails(CloseDetails.REASON_TRANSPORT_LOST, null)));
    }

    /** Connects and joins; fails the test if the session is not established within {@link #TIMEOUT}. */
    static WampClient join(String url, String realm) {
        WampClient client = new WampClient(url, realm);
        try {
            CompletableFuture.anyOf(client.joined, client.left).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // autobahn-java's Netty client now and then never completes its connection on a loaded machine (the
            // router logs no connection at all): one fresh attempt; a router that does not answer fails it too.
            client.close();
            client = new WampClient(url, realm);
            try {
                CompletableFuture.anyOf(client.joined, client.left).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException again) {
                client.close();
                throw new AssertionError("no WELCOME from " + url + " within " + TIMEOUT.toSeconds() + " s, twice",
                        again);
            }
        } catch (InterruptedException | ExecutionException e) {
            client.close();
            throw new AssertionError("no WELCOME from " + url + " within " + TIMEOUT.toSeconds() + " s", e);
        }
        if (!client.joined.isDone()) {
            CloseDetails details = client.left.join();
            client.close();
            throw new AssertionError("joining " + realm + " at " + url + " failed: " + details.reason + " "
                    + details.message);
        }
        return client;
    }

    /** Connects and expects the router to refuse the session; returns the ABORT details. */
    static CloseDetails expectAbort(String url, String realm) {
        try (WampClient client = new WampClient(url, realm)) {
            CloseDetails details = await(client.left);
            assertEquals(false, client.joined.isDone(), "the session was established, expected ABORT");
            return details;
        }
    }

    Session session() {
        return session;
    }

    long sessionId() {
        return joined.join().sessionID;
    }

    /** Completes with GOODBYE's or ABORT's details, or {@code wamp.close.transport_lost} when the connection ended. */
    CompletableFuture<CloseDetails> left() {
        return left;
    }

    /** Leaves with GOODBYE and returns the router's GOODBYE reason. */
    String leave() {
        session.leave();
        return await(left).reason;
    }

    /**
     * Leaves (GOODBYE) if still joined and waits for the router's answer, which ends the session on the router. The
     * socket closes right after; autobahn-java then spends Netty's 2 s shutdown quiet period, not waited for here.
     */
    @Override
    public void close() {
        try {
            if (joined.isDone() && !left.isDone() && session.isConnected()) {
                session.leave();
            }
            left.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            // best effort: the test already has its verdict
        }
    }

    // ---- bounded waits ----

    static <T> T await(CompletableFuture<T> future) {
        return await(future, TIMEOUT);
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout) {
        return await(future, timeout, "");
    }

    /** @param hint appended to the failure message */
    static <T> T await(CompletableFuture<T> future, Duration timeout, String hint) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause() + hint, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + timeout.toMillis() + " ms" + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for the future to fail with an ERROR from the router and returns it. */
    static ApplicationError awaitError(CompletableFuture<?> future) {
        return awaitError(future, TIMEOUT);
    }

    static ApplicationError awaitError(CompletableFuture<?> future, Duration timeout) {
        try {
            Object result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected an ERROR, got " + result);
        } catch (ExecutionException e) {
            return assertInstanceOf(ApplicationError.class, e.getCause());
        } catch (TimeoutException e) {
            return fail("neither a result nor an ERROR within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }
}
