package dev.switchboard.router;

import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.bench.CountingSerializer;
import dev.switchboard.bench.Payloads;
import dev.switchboard.bench.Serializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PUBLISH through the router core to {@code subscribers} sessions of one topic, every subscriber's transport
 * encoding the EVENT as a real one does. Cost must be linear in subscribers with one encode per serializer per
 * publication: the {@code encodes} counter shows 1 per publish for {@code json} and 3 for
 * {@code json+msgpack+cbor}, whatever the number of subscribers. Realm actors run inline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BrokerFanoutBenchmark {
    static final String TOPIC = "com.example.bench.topic";

    @Param({"1", "100", "10000"})
    int subscribers;

    /** Serializers of the subscribers, assigned round robin. */
    @Param({"json", "json+msgpack+cbor"})
    String serializers;

    private BenchPeer publisher;
    private final List<CountingSerializer> counting = new ArrayList<>();
    private final List<Object> args = Payloads.args(64);
    private long request;

    @Setup(Level.Trial)
    public void subscribe() {
        BenchRouter router = new BenchRouter();
        for (String name : serializers.split("\\+")) {
            counting.add(new CountingSerializer(Serializers.byName(name)));
        }
        for (int i = 0; i < subscribers; i++) {
            BenchPeer s = router.join(counting.get(i % counting.size()));
            s.session.receive(new Subscribe(1, Map.of(), TOPIC));
            s.last(Subscribed.class);
        }
        publisher = router.join(Serializers.byName("json"));
        for (CountingSerializer c : counting) {
            c.takeEncodes();
        }
    }

    /**
     * Encodes, summed over the subscribers' serializers. Counted as operations, so JMH reports the time per encode:
     * encodes per publication = (time per publish) / (time per encode); the report computes it.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Encodes {
        public long encodes;
    }

    @Benchmark
    public Object publish(Encodes counter) {
        publisher.session.receive(new Publish(++request, Map.of(), TOPIC, args, null));
        for (CountingSerializer c : counting) {
            counter.encodes += c.takeEncodes();
        }
        return publisher.last;
    }

    /** The same with an acknowledged publish: PUBLISHED goes back to the publisher. */
    @Benchmark
    public Object publishAcknowledged(Encodes counter) {
        publisher.session.receive(new Publish(++request, Payloads.ACKNOWLEDGE, TOPIC, args, null));
        for (CountingSerializer c : counting) {
            counter.encodes += c.takeEncodes();
        }
        return publisher.last;
    }
}
