package dev.switchboard.client;

import dev.switchboard.client.testing.TestSupport;
import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static dev.switchboard.client.testing.TestSupport.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publish and subscribe between in-process sessions through the real router core. */
class LocalPubSubTest {
    private final TestRouter router = new TestRouter("realm1");
    private final LocalConnector connector = new LocalConnector(router.router());
    private final WampSession subscriber = await(connector.join("realm1", null));
    private final WampSession publisher = await(connector.join("realm1", null));

    @AfterEach
    void stop() {
        connector.close();
        router.close();
    }

    private static void assertNothingArrives(BlockingQueue<?> queue) throws InterruptedException {
        assertNull(queue.poll(200, TimeUnit.MILLISECONDS), "unexpected event");
    }

    @Test
    void acknowledgedPublishReachesTheSubscriberWithPayloadAndTopic() {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Subscription sub = await(subscriber.subscribe("com.example.news", events::add));

        Publication p = await(publisher.publish("com.example.news", List.of("hello"), Map.of("n", 1),
                PublishOptions.defaults().withAcknowledge(true)));

        assertTrue(p.acknowledged());
        assertTrue(p.id() > 0);
        Event e = poll(events);
        assertEquals(List.of("hello"), e.args());
        assertEquals(Map.of("n", 1), e.kwargs());
        assertEquals("com.example.news", e.topic());
        assertEquals(sub.id(), e.details().subscription());
        assertEquals(p.id(), e.details().publication());
        assertNull(e.publisher(), "publisher not disclosed unless asked");
        assertFalse(e.retained());
    }

    @Test
    void unacknowledgedPublishCompletesAtOnce() {
        Publication p = await(publisher.publish("com.example.fire", null, null));
        assertFalse(p.acknowledged());
        assertEquals(0, p.id());
    }

    @Test
    void publisherIsExcludedUnlessItOptsOut() throws InterruptedException {
        BlockingQueue<Event> own = new LinkedBlockingQueue<>();
        await(publisher.subscribe("com.example.echo", own::add));

        await(publisher.publish("com.example.echo", List.of(1), null, PublishOptions.defaults().withAcknowledge(true)));
        assertNothingArrives(own);

        await(publisher.publish("com.example.echo", List.of(2), null,
                PublishOptions.defaults().withAcknowledge(true).withExcludeMe(false)));
        assertEquals(List.of(2), poll(own).args());
    }

    @Test
    void discloseMeIdentifiesThePublisher() {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        await(subscriber.subscribe("com.example.who", events::add));

        await(publisher.publish("com.example.who", null, null,
                PublishOptions.defaults().withAcknowledge(true).withDiscloseMe(true)));

        Event e = poll(events);
        assertEquals(publisher.id(), e.publisher());
        assertEquals(publisher.authid(), e.details().publisherAuthid());
        assertEquals("trusted", e.details().publisherAuthrole());
    }

    @Test
    void patternSubscriptionsTellTheTopicPublishedTo() {
        BlockingQueue<Event> prefix = new LinkedBlockingQueue<>();
        BlockingQueue<Event> wildcard = new LinkedBlockingQueue<>();
        await(subscriber.subscribe("com.example.", prefix::add, SubscribeOptions.defaults()
                .withMatch(MatchPolicy.PREFIX)));
        await(subscriber.subscribe("com..update", wildcard::add, SubscribeOptions.defaults()
                .withMatch(MatchPolicy.WILDCARD)));

        await(publisher.publish("com.example.update", null, null, PublishOptions.defaults().withAcknowledge(true)));

        assertEquals("com.example.update", poll(prefix).topic());
        assertEquals("com.example.update", poll(wildcard).topic());
    }

    @Test
    void retainedEventIsDeliveredOnSubscribe() {
        await(publisher.publish("com.example.state", List.of("on"), null,
                PublishOptions.defaults().withAcknowledge(true).withRetain(true)));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        await(subscriber.subscribe("com.example.state", events::add,
                SubscribeOptions.defaults().withGetRetained(true)));

        Event e = poll(events);
        assertTrue(e.retained());
        assertEquals(List.of("on"), e.args());
    }

    @Test
    void eligibleAndExcludeListsPickTheReceivers() throws InterruptedException {
        WampSession other = await(connector.join("realm1", null));
        BlockingQueue<Event> mine = new LinkedBlockingQueue<>();
        BlockingQueue<Event> theirs = new LinkedBlockingQueue<>();
        await(subscriber.subscribe("com.example.list", mine::add));
        await(other.subscribe("com.example.list", theirs::add));

        await(publisher.publish("com.example.list", List.of("only-mine"), null,
                PublishOptions.defaults().withAcknowledge(true).withEligible(List.of(subscriber.id()))));
        await(publisher.publish("com.example.list", List.of("not-mine"), null,
                PublishOptions.defaults().withAcknowledge(true).withExclude(List.of(subscriber.id()))));

        assertEquals(List.of("only-mine"), poll(mine).args());
        assertEquals(List.of("not-mine"), poll(theirs).args());
        assertNothingArrives(mine);
        assertNothingArrives(theirs);
    }

    @Test
    void twoHandlersShareOneSubscriptionAndLeaveOneByOne() throws InterruptedException {
        BlockingQueue<Event> first = new LinkedBlockingQueue<>();
        BlockingQueue<Event> second = new LinkedBlockingQueue<>();
        Subscription a = await(subscriber.subscribe("com.example.shared", first::add));
        Subscription b = await(subscriber.subscribe("com.example.shared", second::add));
        assertEquals(a.id(), b.id());

        await(a.unsubscribe());
        assertFalse(a.isActive());
        await(publisher.publish("com.example.shared", List.of(1), null, PublishOptions.defaults().withAcknowledge(true)));
        assertEquals(List.of(1), poll(second).args());
        assertNothingArrives(first);

        await(b.unsubscribe());
        await(publisher.publish("com.example.shared", List.of(2), null, PublishOptions.defaults().withAcknowledge(true)));
        assertNothingArrives(second);
    }

    @Test
    void eventsOfOneSubscriptionArriveInPublishOrder() {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        await(subscriber.subscribe("com.example.seq", events::add));
        int count = 2000;
        for (int i = 0; i < count; i++) {
            publisher.publish("com.example.seq", List.of(i), null);
        }
        await(publisher.publish("com.example.seq", List.of(count), null, PublishOptions.defaults().withAcknowledge(true)));

        List<Object> seen = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            seen.add(poll(events).arg(0));
        }
        for (int i = 0; i <= count; i++) {
            assertEquals(i, seen.get(i), "event " + i);
        }
    }

    @Test
    void aFailingHandlerKeepsItsSubscription() {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        await(subscriber.subscribe("com.example.flaky", e -> {
            events.add(e);
            throw new IllegalStateException("handler bug");
        }));

        await(publisher.publish("com.example.flaky", List.of(1), null, PublishOptions.defaults().withAcknowledge(true)));
        await(publisher.publish("com.example.flaky", List.of(2), null, PublishOptions.defaults().withAcknowledge(true)));

        assertEquals(List.of(1), poll(events).args());
        assertEquals(List.of(2), poll(events).args());
    }

    @Test
    void invalidTopicFailsAnAcknowledgedPublish() {
        WampException e = awaitFailure(publisher.publish("com.#bad", null, null,
                PublishOptions.defaults().withAcknowledge(true)), WampException.class);
        assertEquals(WampErrors.INVALID_URI, e.uri());
    }

    @Test
    void unsubscribingTwiceIsHarmless() {
        Subscription sub = await(subscriber.subscribe("com.example.twice", e -> { }));
        await(sub.unsubscribe());
        await(sub.unsubscribe());
        assertFalse(sub.isActive());
    }
}
