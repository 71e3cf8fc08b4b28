package dev.switchboard.bench;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of one message per serializer, the per-message cost every transport pays once per hop.
 * Run with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializerBenchmark {

    @Param({"json", "msgpack", "cbor"})
    String serializer;

    /** {@code call}, {@code event}, {@code result}: each carries {@link Payloads#args(int)} of 64 bytes of text. */
    @Param({"call", "event"})
    String message;

    private Serializer codec;
    private Message value;
    private byte[] bytes;

    @Setup
    public void encodeOnce() {
        codec = Serializers.byName(serializer);
        value = switch (message) {
            case "call" -> new Call(4711, Map.of(), "com.example.bench.echo", Payloads.args(64), null);
            case "event" -> new Event(1234567, 4503599627370495L, Map.of(), Payloads.args(64), null);
            case "result" -> new Result(4711, Map.of(), Payloads.args(64), null);
            default -> throw new IllegalArgumentException(message);
        };
        bytes = codec.encode(value);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(value);
    }

    @Benchmark
    public Message decode() throws DecodeException {
        return codec.decode(bytes, 0, bytes.length);
    }
}
