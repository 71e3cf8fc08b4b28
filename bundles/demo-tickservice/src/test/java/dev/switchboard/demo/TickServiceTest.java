package dev.switchboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.ComponentSettings;
import dev.switchboard.client.Event;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.switchboard.client.testing.TestConnectors;
import dev.switchboard.client.testing.TestSupport;

/** The TickService component against the real router core through the in-process connector. */
class TickServiceTest {
    private final TestRouter router = new TestRouter("realm1", "realm2");
    private final LocalConnector connector = new LocalConnector(router.router());
    private final WampSession subscriber = TestSupport.await(connector.join("realm1", null));
    private final BlockingQueue<Event> ticks = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        connector.close();
        router.close();
        TestSupport.eventually("the tick threads ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("demo-tickservice-")));
    }

    private static ComponentSettings settings(String realm, String extra) {
        return ComponentSettings.parse("TickService", realm, "", extra, Set.of("topic", "intervalMs"));
    }

    private static ComponentSettings fast() {
        return settings("realm1", "{\"intervalMs\": 20}");
    }

    private long nextTick() {
        try {
            Event event = ticks.poll(TestSupport.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no tick within " + TestSupport.TIMEOUT_SECONDS + " s");
            }
            assertEquals(1, event.args().size(), "one positional argument: " + event);
            return ((Number) event.arg(0)).longValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void assertNoTick(long millis) throws InterruptedException {
        assertNull(ticks.poll(millis, TimeUnit.MILLISECONDS), "unexpected tick");
    }

    @Test
    void publishesACounterToTopic1EverySecond() {
        TestSupport.await(subscriber.subscribe(TickService.TOPIC, ticks::add));
        TickService service = new TickService(connector, settings("realm1", ""));
        try {
            long first = nextTick();
            long at = System.nanoTime();
            assertEquals(first + 1, nextTick());
            assertEquals(first + 2, nextTick());
            // Two intervals, so that the delivery delay of one event cannot fake or hide the rate
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at);
            assertTrue(elapsed >= 1500 && elapsed <= 2800, "two ticks a second apart, not in " + elapsed + " ms");
        } finally {
            service.deactivate();
        }
    }

    @Test
    void theCounterStartsAtZeroAndCountsUpByOne() {
        TestSupport.await(subscriber.subscribe(TickService.TOPIC, ticks::add));
        TickService service = new TickService(connector, fast());
        try {
            long first = nextTick();
            assertTrue(first <= 1, "starts at 0 (the subscriber may miss the very first tick): " + first);
            for (long expected = first + 1; expected < first + 5; expected++) {
                assertEquals(expected, nextTick());
            }
        } finally {
            service.deactivate();
        }
    }

    @Test
    void deactivateStopsTheTicksAndLeaves() throws InterruptedException {
        TestSupport.await(subscriber.subscribe(TickService.TOPIC, ticks::add));
        TickService service = new TickService(connector, fast());
        nextTick();
        assertEquals(2, router.sessionCount("realm1"));

        service.deactivate();

        TestSupport.eventually("the component's session is gone", () -> router.sessionCount("realm1") == 1);
        ticks.clear();
        assertNoTick(200);
    }

    @Test
    void afterARejoinTheCounterGoesOnWhereItStopped() {
        TestSupport.await(subscriber.subscribe(TickService.TOPIC, ticks::add));
        TickService service = new TickService(new TestConnectors.Rejoining(connector), fast());
        try {
            nextTick();
            List<?> sessions = (List<?>) TestSupport.await(subscriber.call("wamp.session.list", null, null)).arg(0);
            long component = sessions.stream().map(id -> ((Number) id).longValue())
                    .filter(id -> id != subscriber.id()).findFirst().orElseThrow();
            TestSupport.await(subscriber.call("wamp.session.kill", List.of(component), null));
            ticks.clear();
            TestSupport.eventually("rejoined", () -> router.sessionCount("realm1") == 2);

            long afterRejoin = nextTick();
            assertTrue(afterRejoin > 0, "the counter goes on: " + afterRejoin);
            assertEquals(afterRejoin + 1, nextTick());
        } finally {
            service.deactivate();
        }
        TestSupport.eventually("the rejoined session left", () -> router.sessionCount("realm1") == 1);
    }

    @Test
    void deactivatedBeforeTheJoinCompletesNeverTicks() throws InterruptedException {
        TestSupport.await(subscriber.subscribe(TickService.TOPIC, ticks::add));
        TestConnectors.Deferred deferred = new TestConnectors.Deferred(connector);
        TickService service = new TickService(deferred, fast());
        service.deactivate();

        deferred.release();

        WampSession late = TestSupport.await(deferred.joined());
        TestSupport.eventually("the late session left", () -> !late.isOpen() && router.sessionCount("realm1") == 1);
        assertNoTick(200);
    }

    @Test
    void realmAndTopicComeFromTheConfiguration() throws InterruptedException {
        WampSession other = TestSupport.await(connector.join("realm2", null));
        BlockingQueue<Event> otherTicks = new LinkedBlockingQueue<>();
        TestSupport.await(other.subscribe("com.example.ticks", otherTicks::add));
        TestSupport.await(subscriber.subscribe("com.example.ticks", ticks::add));
        TickService service = new TickService(connector,
                settings("realm2", "{\"topic\": \"com.example.ticks\", \"intervalMs\": 20}"));
        try {
            Event event = otherTicks.poll(TestSupport.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(event != null && event.topic().equals("com.example.ticks"), "tick on realm2: " + event);
            assertNoTick(100);
        } finally {
            service.deactivate();
        }
    }

    // ---- configuration, as DS hands it over ----

    @Test
    void theDsConstructorReadsTheConfiguration() {
        TestSupport.await(subscriber.subscribe("com.example.t", ticks::add));
        TickService service = new TickService(connector, config("realm1", "{\"topic\": \"com.example.t\", "
                + "\"intervalMs\": 20}"));
        try {
            assertEquals(nextTick() + 1, nextTick());
        } finally {
            service.deactivate();
        }
    }

    @Test
    void invalidConfigurationFailsActivationWithTheProperty() {
        assertMessage("TickService property 'extra' key 'intervalMs' must be a whole number from 10 to 86400000",
                config("realm1", "{\"intervalMs\": 5}"));
        assertMessage("TickService property 'extra' has unknown key 'interval' (known: [intervalMs, topic])",
                config("realm1", "{\"interval\": 500}"));
        assertMessage("TickService property 'realm' must not be empty", config("", ""));
        assertEquals(1, router.sessionCount("realm1"), "nothing joined");
    }

    private void assertMessage(String start, TickServiceConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TickService(connector, config));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static TickServiceConfig config(String realm, String extra) {
        return new TickServiceConfig() {
            @Override public String realm() { return realm; }
            @Override public String role() { return ""; }
            @Override public String extra() { return extra; }
            @Override public Class<? extends Annotation> annotationType() { return TickServiceConfig.class; }
        };
    }
}
