package dev.switchboard.bench.load;

import dev.switchboard.api.serializer.Serializer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * What every scenario shares: its I/O loops, the warm-up and measurement windows, the router's CPU and RSS
 * sampled during the window, and a bounded tear-down (GOODBYE, then the sockets are closed whatever happens).
 */
abstract class Scenario {
    /**
     * @param caseId       names the case in the report
     * @param router       {@code switchboard} or {@code jawampa}
     * @param routerPid    the router's process for CPU and RSS sampling, -1 for none
     * @param loops        I/O threads of the generator
     * @param warmupSecs   load before measuring, so both JITs are warm
     * @param durationSecs the measurement window
     */
    record Settings(String caseId, String router, Endpoint endpoint, Serializer serializer, String realm,
            int payloadBytes, int loops, double warmupSecs, double durationSecs, long routerPid) {}

    final Settings settings;
    final List<IoLoop> loops = new ArrayList<>();
    /** Completions count only while this is set; read on the loops, set by the scenario's thread. */
    volatile boolean recording;
    private ProcSampler router;
    private ProcSampler self;
    private long windowStart;
    private long windowEnd;

    Scenario(Settings settings) {
        this.settings = settings;
        for (int i = 0; i < settings.loops(); i++) {
            loops.add(new IoLoop("loadgen-io-" + i));
        }
    }

    IoLoop loop(int i) {
        return loops.get(i % loops.size());
    }

    /** Runs the scenario; always tears down its connections and threads. */
    final RunResult run() {
        try {
            return execute();
        } finally {
            for (IoLoop l : loops) {
                l.stop();
            }
        }
    }

    abstract RunResult execute();

    /** Warm-up, then the measurement window with CPU/RSS sampling; figures are read afterwards. */
    void measure() {
        measure(settings.warmupSecs());
    }

    /** {@link #measure()} with another warm-up (a settling time before the window). */
    void measure(double warmupSecs) {
        ProcSampler.sleep((long) (warmupSecs * 1000));
        for (IoLoop l : loops) {
            l.sync(l.stats::reset);
        }
        router = settings.routerPid() > 0 ? new ProcSampler(settings.routerPid()) : null;
        self = new ProcSampler(ProcessHandle.current().pid());
        if (router != null) {
            router.start();
        }
        self.start();
        windowStart = System.nanoTime();
        recording = true;
        ProcSampler.sleep((long) (settings.durationSecs() * 1000));
        recording = false;
        windowEnd = System.nanoTime();
        self.stop();
        if (router != null) {
            router.stop();
        }
    }

    double windowSeconds() {
        return (windowEnd - windowStart) / 1e9;
    }

    /** The loops' figures merged (after {@link #measure}). */
    LoopStats merged() {
        LoopStats all = new LoopStats();
        for (IoLoop l : loops) {
            l.sync(() -> {
                synchronized (all) {
                    all.latency.add(l.stats.latency);
                    all.completed += l.stats.completed;
                    all.delivered += l.stats.delivered;
                    all.errors += l.stats.errors;
                    if (l.stats.lastError != null) {
                        all.lastError = l.stats.lastError;
                    }
                }
            });
        }
        return all;
    }

    /** CPU and RSS of the router and of this generator during the window. */
    void putProcessFigures(RunResult r) {
        if (router != null) {
            r.put("router_cpu_pct", router.cpuPercent());
            r.put("router_rss_mb", router.peakRssMb());
            router.groupCpuPercent().forEach((group, pct) -> r.put("router_" + group + "_cpu_pct", pct));
        }
        if (self != null) {
            r.put("loadgen_cpu_pct", self.cpuPercent());
        }
    }

    static void putLatency(RunResult r, String prefix, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        r.put(prefix + "p50_us", h.getValueAtPercentile(50) / 1000.0);
        r.put(prefix + "p99_us", h.getValueAtPercentile(99) / 1000.0);
        r.put(prefix + "p999_us", h.getValueAtPercentile(99.9) / 1000.0);
        r.put(prefix + "max_us", h.getMaxValue() / 1000.0);
    }

    /** Waits until {@code condition} holds (checked every 10 ms) or fails after {@code seconds}. */
    static void await(String what, double seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
            }
            ProcSampler.sleep(10);
        }
    }

    /** On each client's loop: GOODBYE; then a short wait for the routers' replies. */
    void leaveAll(List<? extends WampClient> clients) {
        for (WampClient c : clients) {
            c.loop.execute(c::leave);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (WampClient c : clients) {
            while (!c.isClosed() && System.nanoTime() < deadline) {
                ProcSampler.sleep(5);
            }
        }
    }
}
