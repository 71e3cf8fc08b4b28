package dev.switchboard.router;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.bench.Payloads;
import dev.switchboard.bench.Serializers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * One routed call through the router core: CALL → INVOCATION → YIELD → RESULT, realm actors inline.
 * With {@code serializer=none} the router gets and gives message objects: routing alone. With a serializer the
 * benchmark adds what the transports do around it: decode CALL and YIELD from bytes, encode INVOCATION and RESULT
 * ({@link Message#encodedWith}); it also encodes each YIELD, which is the callee's work, not the router's (the
 * CALL's bytes are made once: its request id may repeat once a call is over).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DealerDispatchBenchmark {
    static final String PROCEDURE = "bench.echo";

    @Param({"none", "json", "msgpack", "cbor"})
    String serializer;

    /** Registered procedures besides the one called: the exact lookup must not care. */
    @Param({"1", "10000"})
    int registrations;

    private Serializer codec;
    private BenchPeer caller;
    private BenchPeer callee;
    private final List<Object> args = Payloads.args(64);
    private byte[] callBytes;

    @Setup(Level.Trial)
    public void register() {
        codec = serializer.equals("none") ? null : Serializers.byName(serializer);
        BenchRouter router = new BenchRouter();
        callee = router.join(codec);
        callee.session.receive(new Register(1, Map.of(), PROCEDURE));
        callee.last(Registered.class);
        BenchPeer other = router.join(codec);
        for (int i = 1; i < registrations; i++) {
            other.session.receive(new Register(i, Map.of(), "bench.other.procedure" + i));
        }
        caller = router.join(codec);
        Call call = new Call(1, Map.of(), PROCEDURE, args, null);
        callBytes = codec == null ? null : codec.encode(call);
    }

    @Benchmark
    public Result roundTrip() throws DecodeException {
        caller.session.receive(codec == null ? new Call(1, Map.of(), PROCEDURE, args, null) : decode(callBytes));
        Invocation invocation = callee.last(Invocation.class);
        Yield yield = new Yield(invocation.request(), Map.of(), invocation.args(), null);
        callee.session.receive(codec == null ? yield : decode(codec.encode(yield)));
        return caller.last(Result.class);
    }

    private Message decode(byte[] bytes) throws DecodeException {
        return codec.decode(bytes, 0, bytes.length);
    }
}
