package dev.switchboard.router;

import static dev.switchboard.router.Harness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdvancedPubSubTest {
    private final Harness h = new Harness();

    private static long subscribe(FakePeer p, String topic, Map<String, Object> options) {
        p.deliver(new Subscribe(1, options, topic));
        return p.next(Subscribed.class).subscription();
    }

    @Test
    void publisherIdentificationOnlyWhenThePublisherDiscloses() {
        FakePeer sub = h.join("realm1");
        subscribe(sub, "com.example.t", Map.of());
        FakePeer pub = h.join("realm1");
        pub.deliver(new Publish(1, Map.of(), "com.example.t"));
        assertNull(sub.next(Event.class).details().get("publisher"));
        pub.deliver(new Publish(2, Map.of("disclose_me", true), "com.example.t"));
        Map<String, Object> d = sub.next(Event.class).details();
        assertEquals(h.sessionId(pub), d.get("publisher"));
        assertEquals("anonymous", d.get("publisher_authrole"));
    }

    @Test
    void blackAndWhiteListsChooseTheRecipients() {
        FakePeer a = h.join("realm1");
        FakePeer b = h.join("realm1");
        FakePeer c = h.join("realm1");
        for (FakePeer p : List.of(a, b, c)) {
            subscribe(p, "com.example.t", Map.of());
        }
        FakePeer pub = h.join("realm1");
        pub.deliver(new Publish(1, Map.of("exclude", List.of(h.sessionId(a))), "com.example.t"));
        a.assertNothingReceived();
        b.next(Event.class);
        c.next(Event.class);
        pub.deliver(new Publish(2, Map.of("eligible", List.of(h.sessionId(a), h.sessionId(b)),
                "exclude", List.of(h.sessionId(b))), "com.example.t"));
        a.next(Event.class);
        b.assertNothingReceived();
        c.assertNothingReceived();
        pub.deliver(new Publish(3, Map.of("eligible_authrole", List.of("admin")), "com.example.t"));
        a.assertNothingReceived();
        pub.deliver(new Publish(4, Map.of("exclude_authrole", List.of("anonymous")), "com.example.t"));
        a.assertNothingReceived();
        pub.deliver(new Publish(5, Map.of("acknowledge", true, "exclude", "not a list"), "com.example.t"));
        assertError(pub.next(Error.class), Publish.TYPE, 5, WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void patternSubscriptionsReceiveMatchingEventsWithTheTopic() {
        FakePeer prefix = h.join("realm1");
        FakePeer wildcard = h.join("realm1");
        FakePeer exact = h.join("realm1");
        long p = subscribe(prefix, "com.example.", Map.of("match", "prefix"));
        long w = subscribe(wildcard, "com..update", Map.of("match", "wildcard"));
        subscribe(exact, "com.example.update", Map.of());
        FakePeer pub = h.join("realm1");
        pub.deliver(new Publish(1, Map.of(), "com.example.update", List.of(1), null));
        Event pe = prefix.next(Event.class);
        assertEquals(p, pe.subscription());
        assertEquals("com.example.update", pe.details().get("topic"));
        Event we = wildcard.next(Event.class);
        assertEquals(w, we.subscription());
        assertEquals(pe.publication(), we.publication(), "one publication, one id");
        assertNull(exact.next(Event.class).details().get("topic"));
        pub.deliver(new Publish(2, Map.of(), "com.other.update"));
        prefix.assertNothingReceived();
        wildcard.next(Event.class);
    }

    @Test
    void patternAndExactSubscriptionsAreDistinct() {
        FakePeer p = h.join("realm1");
        long exact = subscribe(p, "com.example", Map.of());
        long prefix = subscribe(p, "com.example", Map.of("match", "prefix"));
        assertNotEquals(exact, prefix);
        p.deliver(new Subscribe(3, Map.of("match", "fuzzy"), "com.example"));
        assertError(p.next(Error.class), Subscribe.TYPE, 3, WampErrors.INVALID_ARGUMENT);
        p.deliver(new Subscribe(4, Map.of(), "com..x"));
        assertError(p.next(Error.class), Subscribe.TYPE, 4, WampErrors.INVALID_URI);
    }

    @Test
    void retainedEventGoesToNewSubscribersThatAskForIt() {
        FakePeer pub = h.join("realm1");
        pub.deliver(new Publish(1, Map.of("retain", true), "com.example.temp", List.of(20), null));
        pub.deliver(new Publish(2, Map.of("retain", true), "com.example.temp", List.of(21), null));
        pub.deliver(new Publish(3, Map.of(), "com.example.temp", List.of(22), null));
        FakePeer asks = h.join("realm1");
        subscribe(asks, "com.example.temp", Map.of("get_retained", true));
        Event e = asks.next(Event.class);
        assertEquals(List.of(21), e.args(), "the most recent retained event, not a later unretained one");
        assertEquals(true, e.details().get("retained"));
        FakePeer doesNotAsk = h.join("realm1");
        subscribe(doesNotAsk, "com.example.temp", Map.of());
        doesNotAsk.assertNothingReceived();
        FakePeer pattern = h.join("realm1");
        subscribe(pattern, "com.example.", Map.of("match", "prefix", "get_retained", true));
        Event pe = pattern.next(Event.class);
        assertEquals("com.example.temp", pe.details().get("topic"));
    }

    @Test
    void retainedEventRespectsTheListsItWasPublishedWith() {
        FakePeer pub = h.join("realm1");
        pub.deliver(new Publish(1, Map.of("retain", true, "eligible_authrole", List.of("admin")), "com.example.secret"));
        FakePeer anonymous = h.join("realm1");
        subscribe(anonymous, "com.example.secret", Map.of("get_retained", true));
        anonymous.assertNothingReceived();
    }

    @Test
    void eventHistoryKeepsTheConfiguredTopicsEventsAndFiltersThem() {
        RouterCore router = new RouterCore();
        router.start(new Harness.DirectExecutorService(), "Switchboard/test");
        router.addRealm("hist", false, List.of(HistorySpec.parse("hist", "com.log.;match=prefix;limit=3")));
        FakePeer pub = new FakePeer(null);
        pub.session = router.connect(pub);
        pub.deliver(new dev.switchboard.api.message.Hello("hist", Harness.ALL_ROLES));
        pub.next(dev.switchboard.api.message.Welcome.class);
        for (int i = 1; i <= 5; i++) {
            pub.deliver(new Publish(i, Map.of(), "com.log." + (i % 2 == 0 ? "even" : "odd"), List.of(i), null));
        }
        pub.deliver(new Publish(6, Map.of("exclude", List.of(1)), "com.log.odd", List.of(6), null));
        pub.deliver(new dev.switchboard.api.message.Call(1, Map.of(), "wamp.subscription.lookup",
                List.of("com.log.", Map.of("match", "prefix")), null));
        long sub = ((Number) pub.next(dev.switchboard.api.message.Result.class).args().get(0)).longValue();
        pub.deliver(new dev.switchboard.api.message.Call(2, Map.of(), "wamp.subscription.get_events", List.of(sub), null));
        List<?> events = (List<?>) pub.next(dev.switchboard.api.message.Result.class).args().get(0);
        assertEquals(3, events.size(), "bounded to the configured limit; session-id lists are not kept");
        assertEquals(List.of(3), ((Map<?, ?>) events.get(0)).get("args"));
        pub.deliver(new dev.switchboard.api.message.Call(3, Map.of(), "wamp.subscription.get_events", List.of(sub),
                Map.of("reverse", true, "limit", 1, "topic", "com.log.even")));
        List<?> latestEven = (List<?>) pub.next(dev.switchboard.api.message.Result.class).args().get(0);
        assertEquals(1, latestEven.size());
        assertEquals(List.of(4), ((Map<?, ?>) latestEven.get(0)).get("args"));
    }
}
