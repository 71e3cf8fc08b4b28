package dev.switchboard.router;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * URI index lookups with many registered patterns: exact lookups must stay flat, prefix and wildcard lookups
 * must not grow with the number of patterns (the index walks the URI, it never scans patterns).
 * Lives in the router's package to reach its package-private index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UriIndexBenchmark {

    @Param({"100", "10000"})
    int patterns;

    private UriIndex<Integer> index;

    @Setup
    public void fill() {
        index = new UriIndex<>();
        for (int i = 0; i < patterns; i++) {
            index.put("com.example.service" + i + ".get", Match.EXACT, i);
            index.put("com.example.prefix" + i + ".", Match.PREFIX, i);
            index.put("com.example..item" + i, Match.WILDCARD, i);
        }
    }

    @Benchmark
    public Integer exactHit() {
        return index.best("com.example.service42.get");
    }

    @Benchmark
    public Integer prefixHit() {
        return index.best("com.example.prefix42.deep.procedure");
    }

    @Benchmark
    public Integer wildcardHit() {
        return index.best("com.example.anything.item42");
    }

    @Benchmark
    public Integer miss() {
        return index.best("org.other.namespace.procedure");
    }

    @Benchmark
    public void matchAllForPublish(Blackhole bh) {
        index.forEachMatch("com.example.prefix42.item42", bh::consume);
    }
}
