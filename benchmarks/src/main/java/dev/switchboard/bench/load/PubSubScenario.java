package dev.switchboard.bench.load;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.bench.Payloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PubSub: one publisher (acknowledged, windowed) → {@code subscribers} sessions of one topic. The publisher keeps at
 * most {@code window} publications unacknowledged and at most {@code window} publications not yet delivered to
 * every subscriber, so the figure is the sustained rate, not how much the router can buffer. Each EVENT carries the
 * publisher's {@link System#nanoTime()}: end-to-end latency from publish to delivery (one process, one clock).
 * Subscribers decode one event in {@code sampleEvery} (all count): decoding every event of a large fan-out would
 * measure this generator, not the router.
 */
final class PubSubScenario extends Scenario {
    static final String TOPIC = "bench.topic";
    private static final int CONNECTING = 50;

    private final int subscribers;
    private final int window;
    private final int sampleEvery;
    private final String text;
    /** Events received by all subscribers, for the publisher's delivery window. */
    private final AtomicLong deliveredTotal = new AtomicLong();

    PubSubScenario(Settings settings, int subscribers, int window, int sampleEvery) {
        super(settings);
        this.subscribers = subscribers;
        this.window = window;
        this.sampleEvery = Math.max(1, sampleEvery);
        this.text = "x".repeat(Math.max(0, settings.payloadBytes() - 12));
    }

    @Override
    RunResult execute() {
        List<WampClient> clients = new ArrayList<>();
        List<Subscriber> subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            Subscriber s = new Subscriber(loop(i + 1), i);
            subs.add(s);
            clients.add(s);
            // at most CONNECTING handshakes in flight: a burst of a thousand connects measures the listener's
            // accept queue (see the sessions scenario), not PubSub
            int started = i;
            await("subscribers to subscribe", 60, () -> started - subscribedCount(subs) < CONNECTING);
            s.loop.execute(s::start);
        }
        await("subscribers to subscribe", 60, () -> subs.stream().allMatch(s -> s.subscribed || s.isClosed()));
        if (subs.stream().anyMatch(WampClient::isClosed)) {
            throw new IllegalStateException("a subscriber could not join: " + loops.get(0).stats.lastError);
        }
        Publisher pub = new Publisher(loop(0));
        clients.add(pub);
        pub.loop.execute(pub::start);
        await("the publisher to join", 15, () -> pub.isJoined() || pub.isClosed());
        pub.loop.execute(pub::go);
        measure();
        LoopStats stats = merged();
        pub.loop.sync(() -> pub.running = false);
        long lost = subs.stream().filter(WampClient::isClosed).count();
        ProcSampler.sleep(300);
        leaveAll(clients);

        RunResult r = RunResult.of(settings, "pubsub",
                "subscribers=" + subscribers + " window=" + window + " sample=1/" + sampleEvery);
        r.put("published_per_s", stats.completed / windowSeconds());
        r.put("deliveries_per_s", stats.delivered / windowSeconds());
        putLatency(r, "", stats.latency);
        putProcessFigures(r);
        if (lost > 0) {
            r.put("subscribers_lost", lost);
        }
        return r.withErrors(stats.errors, stats.lastError);
    }

    private static long subscribedCount(List<Subscriber> subs) {
        long n = 0;
        for (Subscriber s : subs) {
            if (s.subscribed || s.isClosed()) {
                n++;
            }
        }
        return n;
    }

    private final class Publisher extends WampClient {
        private final List<Object> argsPrefix = List.of(text);
        private int unacknowledged;
        private long published;
        volatile boolean running = true;
        private boolean ticking;

        Publisher(IoLoop loop) {
            super(loop, settings.endpoint(), settings.serializer(), settings.realm());
        }

        @Override
        void onJoined(long nanos) {
            // waits for go()
        }

        void go() {
            while (running && unacknowledged < window
                    && published - deliveredTotal.get() / subscribers < window) {
                published++;
                unacknowledged++;
                send(new Publish(nextRequest(), Payloads.ACKNOWLEDGE, TOPIC,
                        List.of(System.nanoTime(), argsPrefix.get(0)), null));
            }
            if (running && !ticking && unacknowledged < window) {
                // held back by deliveries only: look again shortly (subscribers live on other loops)
                ticking = true;
                loop.schedule(System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(200), () -> {
                    ticking = false;
                    go();
                });
            }
        }

        @Override
        void onMessage(Message m) {
            if (m instanceof Published || m instanceof Error) {
                unacknowledged--;
                if (m instanceof Published && recording) {
                    loop.stats.completed++;
                }
                go();
            }
        }
    }

    private final class Subscriber extends WampClient {
        volatile boolean subscribed;
        private int skip;

        Subscriber(IoLoop loop, int index) {
            super(loop, settings.endpoint(), settings.serializer(), settings.realm());
            skip = index % sampleEvery; // the subscribers sample different events
        }

        @Override
        void onJoined(long nanos) {
            send(new Subscribe(nextRequest(), Map.of(), TOPIC));
        }

        @Override
        boolean decodeNext() {
            if (!subscribed) {
                return true;
            }
            if (--skip < 0) {
                skip = sampleEvery - 1;
                return true;
            }
            return false;
        }

        @Override
        void onUndecoded() {
            delivered();
        }

        private void delivered() {
            deliveredTotal.incrementAndGet();
            if (recording) {
                loop.stats.delivered++;
            }
        }

        @Override
        void onMessage(Message m) {
            if (m instanceof Event e) {
                delivered();
                if (recording && e.args() != null && !e.args().isEmpty() && e.args().get(0) instanceof Number sent) {
                    loop.stats.latency.recordValue(Math.max(0, System.nanoTime() - sent.longValue()));
                }
            } else if (m instanceof Subscribed) {
                subscribed = true;
            }
        }
    }
}
