package dev.switchboard.router;

import static dev.switchboard.router.Harness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.api.uri.Ids;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BrokerTest {
    private final Harness h = new Harness();

    private static long subscribe(FakePeer p, long request, String topic) {
        p.deliver(new Subscribe(request, Map.of(), topic));
        Subscribed s = p.next(Subscribed.class);
        assertEquals(request, s.request());
        return s.subscription();
    }

    @Test
    void eventCarriesArgsAndKwargsAndExcludesThePublisherByDefault() {
        FakePeer a = h.join("realm1");
        FakePeer b = h.join("realm1");
        long subA = subscribe(a, 1, "com.example.topic");
        subscribe(b, 1, "com.example.topic");
        b.deliver(new Publish(2, Map.of(), "com.example.topic", List.of("x", 2), Map.of("k", true)));
        Event e = a.next(Event.class);
        assertEquals(subA, e.subscription());
        assertTrue(e.publication() >= 1 && e.publication() <= Ids.MAX);
        assertEquals(List.of("x", 2), e.args());
        assertEquals(Map.of("k", true), e.kwargs());
        b.assertNothingReceived();
    }

    @Test
    void excludeMeFalseDeliversToThePublisherToo() {
        FakePeer a = h.join("realm1");
        subscribe(a, 1, "com.example.topic");
        a.deliver(new Publish(2, Map.of("exclude_me", false), "com.example.topic"));
        a.next(Event.class);
    }

    @Test
    void allSubscribersOfATopicShareOneSubscriptionId() {
        FakePeer a = h.join("realm1");
        FakePeer b = h.join("realm1");
        long first = subscribe(a, 1, "com.example.topic");
        assertEquals(first, subscribe(b, 1, "com.example.topic"));
        assertEquals(first, subscribe(a, 2, "com.example.topic"), "subscribing twice gives the same subscription");
        assertNotEquals(first, subscribe(a, 3, "com.example.other"));
    }

    @Test
    void acknowledgedPublishGetsPublishedAndUnacknowledgedGetsNothing() {
        FakePeer p = h.join("realm1");
        p.deliver(new Publish(1, Map.of(), "com.example.nobody"));
        p.assertNothingReceived();
        p.deliver(new Publish(2, Map.of("acknowledge", true), "com.example.nobody"));
        Published ack = p.next(Published.class);
        assertEquals(2, ack.request());
        assertTrue(ack.publication() >= 1 && ack.publication() <= Ids.MAX);
    }

    @Test
    void unsubscribeStopsEventsAndUnknownSubscriptionIsAnError() {
        FakePeer a = h.join("realm1");
        FakePeer pub = h.join("realm1");
        long sub = subscribe(a, 1, "com.example.topic");
        a.deliver(new Unsubscribe(2, sub));
        assertEquals(2, a.next(Unsubscribed.class).request());
        pub.deliver(new Publish(1, Map.of(), "com.example.topic"));
        a.assertNothingReceived();
        a.deliver(new Unsubscribe(3, sub));
        assertError(a.next(Error.class), Unsubscribe.TYPE, 3, WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    @Test
    void aSessionCannotUnsubscribeAnotherSessionsSubscription() {
        FakePeer a = h.join("realm1");
        FakePeer b = h.join("realm1");
        long sub = subscribe(a, 1, "com.example.topic");
        b.deliver(new Unsubscribe(1, sub));
        assertError(b.next(Error.class), Unsubscribe.TYPE, 1, WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    @Test
    void invalidTopicsAreInvalidUri() {
        FakePeer p = h.join("realm1");
        for (String topic : List.of("", "com..topic", "com.top ic", "com.#", ".com")) {
            p.deliver(new Subscribe(1, Map.of(), topic));
            assertError(p.next(Error.class), Subscribe.TYPE, 1, WampErrors.INVALID_URI);
            p.deliver(new Publish(2, Map.of("acknowledge", true), topic));
            assertError(p.next(Error.class), Publish.TYPE, 2, WampErrors.INVALID_URI);
        }
        assertTrue(!p.closed, "invalid URIs keep the connection up");
    }

    @Test
    void strictRealmsRefuseUpperCaseAndLooseRealmsAcceptIt() {
        FakePeer strict = h.join("strict");
        strict.deliver(new Subscribe(1, Map.of(), "com.Example.topic"));
        assertError(strict.next(Error.class), Subscribe.TYPE, 1, WampErrors.INVALID_URI);
        FakePeer loose = h.join("realm1");
        subscribe(loose, 1, "com.Example.topic-1");
    }

    @Test
    void clientsCannotPublishToRouterReservedTopicsButMaySubscribeToThem() {
        FakePeer p = h.join("realm1");
        p.deliver(new Publish(1, Map.of("acknowledge", true), "wamp.session.on_join"));
        assertError(p.next(Error.class), Publish.TYPE, 1, WampErrors.INVALID_URI);
        subscribe(p, 2, "wamp.session.on_join");
    }

    @Test
    void subscriberThatLeavesGetsNoMoreEventsAndOthersStillDo() {
        FakePeer a = h.join("realm1");
        FakePeer b = h.join("realm1");
        FakePeer pub = h.join("realm1");
        subscribe(a, 1, "com.example.topic");
        subscribe(b, 1, "com.example.topic");
        a.session.closed();
        pub.deliver(new Publish(1, Map.of(), "com.example.topic"));
        a.assertNothingReceived();
        b.next(Event.class);
    }

    @Test
    void anEventIsEncodedOncePerSerializerNotOncePerSubscriber() {
        CountingSerializer json = new CountingSerializer("json");
        CountingSerializer cbor = new CountingSerializer("cbor");
        for (int i = 0; i < 50; i++) {
            subscribe(h.join("realm1", i % 2 == 0 ? json : cbor), 1, "com.example.fanout");
        }
        int jsonBefore = json.events.get();
        int cborBefore = cbor.events.get();
        h.join("realm1").deliver(new Publish(1, Map.of(), "com.example.fanout", List.of("payload"), null));
        assertEquals(1, json.events.get() - jsonBefore);
        assertEquals(1, cbor.events.get() - cborBefore);
    }

    /** Counts how often EVENTs are encoded. */
    static final class CountingSerializer implements Serializer {
        final AtomicInteger events = new AtomicInteger();
        private final String name;

        CountingSerializer(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String subprotocol() {
            return "wamp.2." + name;
        }

        @Override
        public int rawSocketId() {
            return 1;
        }

        @Override
        public boolean binary() {
            return false;
        }

        @Override
        public Message decode(byte[] data, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] encode(Message message) {
            if (message instanceof Event) {
                events.incrementAndGet();
            }
            return new byte[] {1};
        }
    }
}
