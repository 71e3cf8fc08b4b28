package dev.switchboard.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An open WAMP session on one realm. Thread-safe: every method may be called from any thread and never blocks.
 * Futures complete on client threads, never on the router's. Requests on a session that is no longer open fail
 * with {@link SessionClosedException}, and so do requests pending when it ends.
 */
@ProviderType
public interface WampSession {

    /** The session id the router gave (WELCOME). */
    long id();

    String realm();

    String authid();

    String authrole();

    /** WELCOME.Details as sent by the router (roles and features, agent, ...). */
    Map<String, Object> details();

    /** Whether the session is established and not closing. */
    boolean isOpen();

    /** Registers {@code procedure}; invocations run {@code handler} on client threads. */
    default CompletableFuture<Registration> register(String procedure, Procedure handler) {
        return register(procedure, handler, RegisterOptions.defaults());
    }

    CompletableFuture<Registration> register(String procedure, Procedure handler, RegisterOptions options);

    /** Calls {@code procedure}; {@code null} args or kwargs mean none. */
    default CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs) {
        return call(procedure, args, kwargs, CallOptions.defaults());
    }

    /**
     * Calls {@code procedure}. The future fails with {@link WampException} when the router or callee answers
     * ERROR. Cancelling the future ({@code cancel(true)}) sends CANCEL with {@link CallOptions#cancelMode()} and
     * completes it with a {@link java.util.concurrent.CancellationException} at once (only the future returned here
     * does that, not futures derived from it with {@code thenApply} and the like); see
     * {@link #cancel(CompletableFuture, CancelMode)} to wait for the router's answer instead.
     */
    CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options);

    /**
     * Sends CANCEL for a pending call made on this session. The call's future then fails with a
     * {@link WampException} {@code wamp.error.canceled} when the router answers: at once for
     * {@link CancelMode#SKIP} and {@link CancelMode#KILL_NO_WAIT}, after the callee stopped for
     * {@link CancelMode#KILL}.
     *
     * @return {@code false} when {@code call} is not a future of this session or already completed
     */
    boolean cancel(CompletableFuture<CallResult> call, CancelMode mode);

    default CompletableFuture<Subscription> subscribe(String topic, EventHandler handler) {
        return subscribe(topic, handler, SubscribeOptions.defaults());
    }

    /** Subscribes {@code handler} to {@code topic}; events may arrive before the future's callbacks run. */
    CompletableFuture<Subscription> subscribe(String topic, EventHandler handler, SubscribeOptions options);

    default CompletableFuture<Publication> publish(String topic, List<?> args, Map<String, ?> kwargs) {
        return publish(topic, args, kwargs, PublishOptions.defaults());
    }

    /**
     * Publishes an event. Without {@link PublishOptions#acknowledge()} the future completes once the PUBLISH is
     * handed to the connection, with {@link Publication#unacknowledged()}; with it, on PUBLISHED or ERROR.
     */
    CompletableFuture<Publication> publish(String topic, List<?> args, Map<String, ?> kwargs, PublishOptions options);

    /**
     * Closes the session with GOODBYE ({@code wamp.close.normal}) and ends its join: a reconnecting connector does
     * not reconnect afterwards. Called on an older session of a reconnecting join (one already lost), it still ends
     * the join and leaves the join's current session, if any. Completes when the router answered GOODBYE or the
     * connection is gone (after a bounded wait).
     */
    CompletableFuture<Void> leave();
}
