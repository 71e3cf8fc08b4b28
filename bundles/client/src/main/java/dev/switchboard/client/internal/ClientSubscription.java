package dev.switchboard.client.internal;

import dev.switchboard.client.Event;
import dev.switchboard.client.EventHandler;
import dev.switchboard.client.Subscription;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One handler subscribed by a session, with its own lane so that its events stay in order. */
final class ClientSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSubscription.class);

    private final ClientSession session;
    private final PubSubRoles pubsub;
    private final long id;
    private final String topic;
    private final EventHandler handler;
    private final SerialExecutor lane;
    private volatile boolean active = true;

    ClientSubscription(ClientSession session, PubSubRoles pubsub, long id, String topic, EventHandler handler) {
        this.session = session;
        this.pubsub = pubsub;
        this.id = id;
        this.topic = topic;
        this.handler = handler;
        this.lane = session.runtime().newSerialExecutor("subscription " + topic);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    /** Hands the event to the handler on this subscription's lane; dropped if unsubscribed meanwhile. */
    void deliver(Event event) {
        lane.execute(() -> {
            if (!active) {
                return;
            }
            try {
                handler.onEvent(event);
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.warn("Event handler of {} failed on publication {}", topic, event.details().publication(), e);
            }
        });
    }

    @Override
    public CompletableFuture<Void> unsubscribe() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        session.actor().execute(() -> pubsub.unsubscribe(this, future));
        return future;
    }

    @Override
    public String toString() {
        return "Subscription[" + id + ", " + topic + (active ? "" : ", inactive") + "]";
    }
}
