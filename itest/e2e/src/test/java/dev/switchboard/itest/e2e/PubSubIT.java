package dev.switchboard.itest.e2e;

import static dev.switchboard.itest.e2e.WampClient.await;
import static dev.switchboard.itest.e2e.WampClient.awaitError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crossbar.autobahn.wamp.interfaces.TriConsumer;
import io.crossbar.autobahn.wamp.types.EventDetails;
import io.crossbar.autobahn.wamp.types.Publication;
import io.crossbar.autobahn.wamp.types.PublishOptions;
import io.crossbar.autobahn.wamp.types.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publish and subscribe through the node with autobahn-java 20.6.1 (WAMP basic/pubsub). */
@ExtendWith(SharedNode.class)
class PubSubIT {
    private static final PublishOptions ACKNOWLEDGED = new PublishOptions(true, true);
    /** How long to wait before concluding that an event is not coming. */
    private static final long SILENCE_MILLIS = 500;

    private final String topic = "e2e.java.pubsub.t" + Long.toHexString(System.nanoTime()) + ".news";

    record Received(List<Object> args, Map<String, Object> kwargs, long publication, String topic) {
    }

    private static TriConsumer<List<Object>, Map<String, Object>, EventDetails> into(BlockingQueue<Received> queue) {
        return (args, kwargs, details) -> queue.add(new Received(args, kwargs, details.publication, details.topic));
    }

    @Test
    void subscribePublishUnsubscribeWithAcknowledge(NodeProcess node) throws Exception {
        BlockingQueue<Received> subscriberEvents = new LinkedBlockingQueue<>();
        BlockingQueue<Received> publisherEvents = new LinkedBlockingQueue<>();
        try (WampClient subscriber = WampClient.join(node.url(), E2e.REALM);
             WampClient publisher = WampClient.join(node.url(), E2e.REALM)) {
            Subscription subscription = await(subscriber.session().subscribe(topic, into(subscriberEvents)));
            assertTrue(subscription.subscription > 0);
            // The publisher listens too: by default it is excluded from its own publications.
            await(publisher.session().subscribe(topic, into(publisherEvents)));

            Publication publication = await(publisher.session().publish(topic, List.of("hello", 1, List.of(2, 3)),
                    Map.of("from", "e2e", "flag", true), ACKNOWLEDGED));
            assertTrue(publication.publication > 0, "PUBLISHED carries the publication id");

            Received event = subscriberEvents.poll(WampClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "the subscriber got no EVENT");
            assertEquals(List.of("hello", 1, List.of(2, 3)), event.args());
            assertEquals(Map.of("from", "e2e", "flag", true), event.kwargs());
            assertEquals(publication.publication, event.publication(), "EVENT and PUBLISHED name one publication");
            assertNull(publisherEvents.poll(SILENCE_MILLIS, TimeUnit.MILLISECONDS),
                    "the publisher got its own event although exclude_me defaults to true");

            await(subscriber.session().unsubscribe(subscription));
            await(publisher.session().publish(topic, List.of("after unsubscribe"), null, ACKNOWLEDGED));
            assertNull(subscriberEvents.poll(SILENCE_MILLIS, TimeUnit.MILLISECONDS),
                    "an event arrived after UNSUBSCRIBED");
        }
    }

    @Test
    void aPublisherThatSetsExcludeMeFalseReceivesItsOwnEvent(NodeProcess node) throws Exception {
        BlockingQueue<Received> events = new LinkedBlockingQueue<>();
        try (WampClient client = WampClient.join(node.url(), E2e.REALM)) {
            await(client.session().subscribe(topic, into(events)));
            Publication publication = await(client.session().publish(topic, List.of("to myself"), null,
                    new PublishOptions(true, false)));

            Received event = events.poll(WampClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "no EVENT for the publisher with exclude_me=false");
            assertEquals(List.of("to myself"), event.args());
            assertEquals(publication.publication, event.publication());
        }
    }

    @Test
    void anAcknowledgedPublishToAnInvalidTopicFailsWithInvalidUri(NodeProcess node) {
        try (WampClient client = WampClient.join(node.url(), E2e.REALM)) {
            assertEquals("wamp.error.invalid_uri", awaitError(client.session().publish(topic + "..bad",
                    List.of(), null, ACKNOWLEDGED)).getMessage());
            assertEquals("wamp.error.invalid_uri", awaitError(client.session().subscribe("e2e.java has space",
                    into(new LinkedBlockingQueue<>()))).getMessage());
            // The session is still usable.
            assertTrue(await(client.session().publish(topic, List.of(), null, ACKNOWLEDGED)).publication > 0);
        }
    }
}
