package dev.switchboard.client.internal;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.client.EventDetails;
import dev.switchboard.client.EventHandler;
import dev.switchboard.client.MatchPolicy;
import dev.switchboard.client.Publication;
import dev.switchboard.client.PublishOptions;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.SubscribeOptions;
import dev.switchboard.client.Subscription;
import dev.switchboard.client.WampException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher and subscriber roles of one session. Confined to the session's actor. The router answers a second
 * SUBSCRIBE to the same topic and policy with the same subscription, so local handlers are kept per subscription
 * id and UNSUBSCRIBE is sent when the last one goes.
 */
final class PubSubRoles {
    private static final Logger LOG = LoggerFactory.getLogger(PubSubRoles.class);

    private record PendingSubscribe(String topic, EventHandler handler, CompletableFuture<Subscription> future) {}

    private final ClientSession session;
    private final Map<Long, PendingSubscribe> subscribing = new HashMap<>();
    private final Map<Long, CompletableFuture<Void>> unsubscribing = new HashMap<>();
    private final Map<Long, CompletableFuture<Publication>> publishing = new HashMap<>();
    private final Map<Long, List<ClientSubscription>> subscriptions = new HashMap<>();

    PubSubRoles(ClientSession session) {
        this.session = session;
    }

    void subscribe(String topic, EventHandler handler, SubscribeOptions options,
            CompletableFuture<Subscription> future) {
        if (!session.requireOpen(future, "subscribe to " + topic)) {
            return;
        }
        long request = session.nextRequestId();
        subscribing.put(request, new PendingSubscribe(topic, handler, future));
        Map<String, Object> wire = new LinkedHashMap<>();
        if (options.match() != MatchPolicy.EXACT) {
            wire.put("match", options.match().wireName());
        }
        if (options.getRetained()) {
            wire.put("get_retained", true);
        }
        if (!session.sendRequest(new Subscribe(request, wire, topic), future)) {
            subscribing.remove(request);
        }
    }

    void onSubscribed(Subscribed m) {
        PendingSubscribe pending = subscribing.remove(m.request());
        if (pending == null) {
            LOG.debug("SUBSCRIBED for unknown request {} dropped", m.request());
            return;
        }
        ClientSubscription sub = new ClientSubscription(session, this, m.subscription(), pending.topic(),
                pending.handler());
        subscriptions.computeIfAbsent(sub.id(), id -> new ArrayList<>(1)).add(sub);
        session.complete(pending.future(), sub);
    }

    void unsubscribe(ClientSubscription sub, CompletableFuture<Void> future) {
        List<ClientSubscription> handlers = subscriptions.get(sub.id());
        if (handlers == null || !handlers.remove(sub)) {
            session.complete(future, null);
            return;
        }
        sub.deactivate();
        if (!handlers.isEmpty() || !session.isOpen()) {
            session.complete(future, null);
            return;
        }
        subscriptions.remove(sub.id());
        long request = session.nextRequestId();
        unsubscribing.put(request, future);
        if (!session.sendRequest(new Unsubscribe(request, sub.id()), future)) {
            unsubscribing.remove(request);
        }
    }

    void onUnsubscribed(Unsubscribed m) {
        if (m.request() == 0) {
            revoked(m); // router-initiated (advanced: subscription revocation)
            return;
        }
        CompletableFuture<Void> future = unsubscribing.remove(m.request());
        if (future != null) {
            session.complete(future, null);
        }
    }

    private void revoked(Unsubscribed m) {
        Long id = Wire.id(m.details(), "subscription");
        List<ClientSubscription> handlers = id == null ? null : subscriptions.remove(id);
        if (handlers != null) {
            handlers.forEach(ClientSubscription::deactivate);
            LOG.info("The router revoked subscription {}: {}", id, m.details().get("reason"));
        }
    }

    void onEvent(Event m) {
        List<ClientSubscription> handlers = subscriptions.get(m.subscription());
        if (handlers == null || handlers.isEmpty()) {
            return; // crossed an UNSUBSCRIBE
        }
        Map<String, Object> d = m.details();
        String topic = Wire.string(d, "topic");
        EventDetails details = new EventDetails(m.subscription(), m.publication(),
                topic != null ? topic : handlers.get(0).topic(), Wire.id(d, "publisher"),
                Wire.string(d, "publisher_authid"), Wire.string(d, "publisher_authrole"), Wire.bool(d, "retained"), d);
        dev.switchboard.client.Event event = new dev.switchboard.client.Event(m.args(), m.kwargs(), details);
        for (ClientSubscription sub : handlers) {
            sub.deliver(event);
        }
    }

    void publish(String topic, List<Object> args, Map<String, Object> kwargs, PublishOptions options,
            CompletableFuture<Publication> future) {
        if (!session.requireOpen(future, "publish to " + topic)) {
            return;
        }
        long request = session.nextRequestId();
        if (options.acknowledge()) {
            publishing.put(request, future);
        }
        if (!session.sendRequest(new Publish(request, wireOptions(options), topic, args, kwargs), future)) {
            publishing.remove(request);
        } else if (!options.acknowledge()) {
            session.complete(future, Publication.unacknowledged());
        }
    }

    static Map<String, Object> wireOptions(PublishOptions options) {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (options.acknowledge()) {
            wire.put("acknowledge", true);
        }
        if (!options.excludeMe()) {
            wire.put("exclude_me", false);
        }
        if (options.discloseMe()) {
            wire.put("disclose_me", true);
        }
        if (options.retain()) {
            wire.put("retain", true);
        }
        putList(wire, "eligible", options.eligible());
        putList(wire, "exclude", options.exclude());
        putList(wire, "eligible_authid", options.eligibleAuthid());
        putList(wire, "exclude_authid", options.excludeAuthid());
        putList(wire, "eligible_authrole", options.eligibleAuthrole());
        putList(wire, "exclude_authrole", options.excludeAuthrole());
        return wire;
    }

    private static void putList(Map<String, Object> wire, String key, List<?> values) {
        if (values != null) {
            wire.put(key, new ArrayList<Object>(values));
        }
    }

    void onPublished(Published m) {
        CompletableFuture<Publication> future = publishing.remove(m.request());
        if (future != null) {
            session.complete(future, new Publication(m.publication(), true));
        }
    }

    void onError(Error e) {
        CompletableFuture<?> future = switch (e.requestType()) {
            case Subscribe.TYPE -> {
                PendingSubscribe p = subscribing.remove(e.request());
                yield p == null ? null : p.future();
            }
            case Unsubscribe.TYPE -> unsubscribing.remove(e.request());
            case Publish.TYPE -> publishing.remove(e.request());
            default -> null;
        };
        if (future != null) {
            session.fail(future, new WampException(e.error(), e.args(), e.kwargs()));
        }
    }

    void sessionEnded(SessionClosedException failure) {
        subscribing.values().forEach(p -> session.fail(p.future(), failure));
        subscribing.clear();
        unsubscribing.values().forEach(f -> session.complete(f, null)); // gone with the session anyway
        unsubscribing.clear();
        publishing.values().forEach(f -> session.fail(f, failure));
        publishing.clear();
        subscriptions.values().forEach(list -> list.forEach(ClientSubscription::deactivate));
        subscriptions.clear();
    }

    /** Diagnostic only: read outside the actor, the counts may be stale. */
    @Override
    public String toString() {
        return "PubSubRoles[subscriptions=" + subscriptions.size() + ", awaiting PUBLISHED=" + publishing.size() + "]";
    }
}
