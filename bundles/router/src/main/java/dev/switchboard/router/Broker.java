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
import java.util.HashMap;
import java.util.Map;

/** Publish and Subscribe for one realm (WAMP spec, basic/pubsub). Confined to the realm's actor. */
final class Broker {
    private final Realm realm;
    private final Map<String, Subscription> exact = new HashMap<>();
    private final Map<Long, Subscription> byId = new HashMap<>();

    Broker(Realm realm) {
        this.realm = realm;
    }

    void subscribe(Session s, Subscribe m) {
        String match = Dicts.string(m.options(), "match", "exact");
        if (!"exact".equals(match)) {
            s.send(new Error(Subscribe.TYPE, m.request(), Map.of(), WampErrors.INVALID_ARGUMENT,
                    Dicts.because("match policy '" + match + "' is not supported"), null));
            return;
        }
        if (!realm.isValidUri(m.topic(), false)) {
            s.send(new Error(Subscribe.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                    Dicts.because("invalid topic URI '" + m.topic() + "'"), null));
            return;
        }
        Subscription sub = exact.get(m.topic());
        if (sub == null) {
            sub = new Subscription(realm.nextRouterScopeId(), m.topic(), match);
            exact.put(sub.topic, sub);
            byId.put(sub.id, sub);
        }
        // Subscribing again to the same topic returns the same subscription (spec: basic/pubsub, SUBSCRIBE).
        sub.subscribers.add(s);
        s.subscriptions.add(sub);
        s.send(new Subscribed(m.request(), sub.id));
    }

    void unsubscribe(Session s, Unsubscribe m) {
        Subscription sub = byId.get(m.subscription());
        if (sub == null || !sub.subscribers.contains(s)) {
            s.send(new Error(Unsubscribe.TYPE, m.request(), Map.of(), WampErrors.NO_SUCH_SUBSCRIPTION,
                    Dicts.because("no subscription " + m.subscription() + " in this session"), null));
            return;
        }
        remove(s, sub);
        s.subscriptions.remove(sub);
        s.send(new Unsubscribed(m.request()));
    }

    void publish(Session s, Publish m) {
        boolean acknowledge = Dicts.bool(m.options(), "acknowledge", false);
        if (!realm.isValidUri(m.topic(), false) || Uris.isReserved(m.topic())) {
            if (acknowledge) {
                s.send(new Error(Publish.TYPE, m.request(), Map.of(), WampErrors.INVALID_URI,
                        Dicts.because("invalid topic URI '" + m.topic() + "'"), null));
            }
            return;
        }
        long publication = Ids.randomGlobal();
        Subscription sub = exact.get(m.topic());
        if (sub != null) {
            boolean excludeMe = Dicts.bool(m.options(), "exclude_me", true);
            // One EVENT for all subscribers: its encoding is cached per serializer (Message#encodedWith).
            Event event = new Event(sub.id, publication, Map.of(), m.args(), m.kwargs());
            for (Session subscriber : sub.subscribers) {
                if (subscriber != s || !excludeMe) {
                    subscriber.send(event);
                }
            }
        }
        if (acknowledge) {
            s.send(new Published(m.request(), publication));
        }
    }

    void removeSession(Session s) {
        for (Subscription sub : s.subscriptions) {
            remove(s, sub);
        }
        s.subscriptions.clear();
    }

    private void remove(Session s, Subscription sub) {
        sub.subscribers.remove(s);
        if (sub.subscribers.isEmpty()) {
            exact.remove(sub.topic);
            byId.remove(sub.id);
        }
    }

    int subscriptionCount() {
        return byId.size();
    }
}
