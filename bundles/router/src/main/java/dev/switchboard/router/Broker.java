package dev.switchboard.router;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.api.uri.Ids;
import dev.switchboard.api.uri.Uris;
import dev.switchboard.api.uri.WampErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publish and Subscribe for one realm (WAMP spec, basic/pubsub and the advanced broker features it announces).
 * Confined to the realm's actor.
 */
final class Broker {
    private final Realm realm;
    private final UriIndex<Subscription> index = new UriIndex<>();
    private final Map<Long, Subscription> byId = new HashMap<>();
    /** The retained event per topic (event_retention). */
    private final Map<String, Retained> retained = new HashMap<>();

    private record Retained(long publication, Map<String, Object> details, List<Object> args,
            Map<String, Object> kwargs, Session publisher, boolean excludePublisher, RecipientFilter filter) {}

    Broker(Realm realm) {
        this.realm = realm;
    }

    /** A permanent subscription that keeps the last {@code limit} events, created from realm configuration. */
    void keepHistory(String topic, Match match, int limit) {
        Subscription sub = new Subscription(realm.nextRouterScopeId(), topic, match, new EventHistory(limit));
        index.put(topic, match, sub);
        byId.put(sub.id, sub);
    }

    void subscribe(Session s, Subscribe m) {
        Match match = Match.parse(m.options().get("match"));
        if (match == null) {
            s.send(new Error(Subscribe.TYPE, m.request(), Map.of(), WampErrors.INVALID_ARGUMENT,
                    Dicts.because("unknown match policy '" + m.options().get("match") + "'"), null));
            return;
        }
        if (!realm.isValidUri(m.topic(), match != Match.EXACT)) {
            s.send(new Error(Subscribe.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                    Dicts.because("invalid topic URI '" + m.topic() + "'"), null));
            return;
        }
        Subscription sub = index.get(m.topic(), match);
        boolean created = sub == null;
        if (created) {
            sub = new Subscription(realm.nextRouterScopeId(), m.topic(), match, null);
            index.put(sub.topic, match, sub);
            byId.put(sub.id, sub);
        }
        // Subscribing again to the same topic returns the same subscription (spec: basic/pubsub, SUBSCRIBE).
        boolean added = sub.subscribers.add(s);
        s.subscriptions.add(sub);
        s.send(new Subscribed(m.request(), sub.id));
        if (!Uris.isReserved(sub.topic)) {
            if (created) {
                publishMeta("wamp.subscription.on_create", List.of(s.id(), sub.metaDetails()));
            }
            if (added) {
                publishMeta("wamp.subscription.on_subscribe", List.of(s.id(), sub.id));
            }
        }
        if (Dicts.bool(m.options(), "get_retained", false)) {
            sendRetained(s, sub);
        }
    }

    void unsubscribe(Session s, Unsubscribe m) {
        Subscription sub = byId.get(m.subscription());
        if (sub == null || !sub.subscribers.contains(s)) {
            s.send(new Error(Unsubscribe.TYPE, m.request(), Map.of(), WampErrors.NO_SUCH_SUBSCRIPTION,
                    Dicts.because("no subscription " + m.subscription() + " in this session"), null));
            return;
        }
        s.subscriptions.remove(sub);
        s.send(new Unsubscribed(m.request()));
        remove(s, sub);
    }

    void publish(Session publisher, Publish m) {
        publish(publisher, m, false);
    }

    /** Handles a PUBLISH; {@code disclose} when the publisher's role is configured to be disclosed. */
    void publish(Session publisher, Publish m, boolean disclose) {
        Map<String, Object> options = disclose ? withDiscloseMe(m.options()) : m.options();
        boolean acknowledge = Dicts.bool(options, "acknowledge", false);
        if (!realm.isValidUri(m.topic(), false) || Uris.isReserved(m.topic())) {
            if (acknowledge) {
                publisher.send(new Error(Publish.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                        Dicts.because("invalid topic URI '" + m.topic() + "'"), null));
            }
            return;
        }
        RecipientFilter filter;
        try {
            filter = RecipientFilter.of(options);
        } catch (IllegalArgumentException e) {
            if (acknowledge) {
                publisher.send(new Error(Publish.TYPE, m.request(), Map.of(), WampErrors.INVALID_ARGUMENT,
                        Dicts.because(e.getMessage()), null));
            }
            return;
        }
        long publication = publish(publisher, m.topic(), m.args(), m.kwargs(), options, filter);
        if (acknowledge) {
            publisher.send(new Published(m.request(), publication));
        }
    }

    /** Publishes for a session (a PUBLISH or a testament); returns the publication id. */
    long publish(Session publisher, String topic, List<Object> args, Map<String, Object> kwargs,
            Map<String, Object> options, RecipientFilter filter) {
        boolean excludeMe = Dicts.bool(options, "exclude_me", true);
        Map<String, Object> details = Dicts.bool(options, "disclose_me", false) ? publisherDetails(publisher) : Map.of();
        long publication = Ids.randomGlobal();
        boolean keepable = !Dicts.hasSessionIdLists(options);
        dispatch(topic, publication, details, args, kwargs, excludeMe ? publisher : null, filter, keepable);
        if (Dicts.bool(options, "retain", false)) {
            retained.put(topic, new Retained(publication, details, args, kwargs, publisher, excludeMe, filter));
        }
        return publication;
    }

    /** Publishes an event of the router itself (meta events): no publisher, no filters. */
    void publishMeta(String topic, List<Object> args) {
        dispatch(topic, Ids.randomGlobal(), Map.of(), args, null, null, null, true);
    }

    private void dispatch(String topic, long publication, Map<String, Object> details, List<Object> args,
            Map<String, Object> kwargs, Session excluded, RecipientFilter filter, boolean keepable) {
        List<Subscription> matching = new ArrayList<>(2);
        index.forEachMatch(topic, matching::add);
        for (Subscription sub : matching) {
            Map<String, Object> d = sub.match == Match.EXACT ? details : withTopic(details, topic);
            if (sub.history != null && keepable) {
                sub.history.add(new EventHistory.Stored(Instant.now(), sub.id, publication, topic, d, args, kwargs,
                        filter));
            }
            // One EVENT for all subscribers of a subscription: its encoding is cached per serializer.
            Event event = new Event(sub.id, publication, d, args, kwargs);
            for (Session subscriber : sub.subscribers) {
                if (subscriber != excluded && (filter == null || filter.accepts(subscriber))) {
                    subscriber.send(event);
                }
            }
        }
    }

    private void sendRetained(Session s, Subscription sub) {
        Collection<Map.Entry<String, Retained>> candidates = sub.match == Match.EXACT
                ? (retained.containsKey(sub.topic) ? List.of(Map.entry(sub.topic, retained.get(sub.topic))) : List.of())
                : retained.entrySet();
        for (Map.Entry<String, Retained> e : candidates) {
            Retained r = e.getValue();
            if (!UriIndex.matches(sub.topic, sub.match, e.getKey())
                    || (r.excludePublisher && r.publisher == s) || (r.filter != null && !r.filter.accepts(s))) {
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>(sub.match == Match.EXACT ? r.details : withTopic(r.details, e.getKey()));
            d.put("retained", true);
            s.send(new Event(sub.id, r.publication, d, r.args, r.kwargs));
        }
    }

    void removeSession(Session s) {
        for (Subscription sub : new ArrayList<>(s.subscriptions)) {
            remove(s, sub);
        }
        s.subscriptions.clear();
    }

    private void remove(Session s, Subscription sub) {
        sub.subscribers.remove(s);
        boolean deleted = sub.subscribers.isEmpty() && !sub.permanent();
        if (deleted) {
            index.remove(sub.topic, sub.match);
            byId.remove(sub.id);
        }
        if (!Uris.isReserved(sub.topic)) {
            publishMeta("wamp.subscription.on_unsubscribe", List.of(s.id(), sub.id));
            if (deleted) {
                publishMeta("wamp.subscription.on_delete", List.of(s.id(), sub.id));
            }
        }
    }

    private static Map<String, Object> withDiscloseMe(Map<String, Object> options) {
        Map<String, Object> o = new LinkedHashMap<>(options);
        o.put("disclose_me", true);
        return o;
    }

    static Map<String, Object> publisherDetails(Session publisher) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("publisher", publisher.id());
        d.put("publisher_authid", publisher.authid());
        d.put("publisher_authrole", publisher.authrole());
        return d;
    }

    private static Map<String, Object> withTopic(Map<String, Object> details, String topic) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("topic", topic);
        return d;
    }

    // Read access for the subscription meta API.

    Subscription subscription(long id) {
        return byId.get(id);
    }

    Subscription lookup(String topic, Match match) {
        return index.get(topic, match);
    }

    List<Subscription> matching(String topic) {
        List<Subscription> found = new ArrayList<>();
        index.forEachMatch(topic, found::add);
        return found;
    }

    Collection<Subscription> subscriptions() {
        return byId.values();
    }
}
