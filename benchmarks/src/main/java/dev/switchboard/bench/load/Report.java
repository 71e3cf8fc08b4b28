package dev.switchboard.bench.load;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes docs/benchmarks.md from one suite run: the load generator's JSON lines, JMH's JSON results and the
 * environment the script recorded. Every figure is the median of its repetitions with the range beside it.
 */
final class Report {
    private final List<RunResult> results;
    private final JsonArray jmh;
    private final Properties env;
    private final StringBuilder md = new StringBuilder();

    private Report(List<RunResult> results, JsonArray jmh, Properties env) {
        this.results = results;
        this.jmh = jmh;
        this.env = env;
    }

    static void write(Options o) throws IOException {
        List<RunResult> results = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(o.require("results")))) {
            if (!line.isBlank()) {
                results.add(Cli.GSON.fromJson(line, RunResult.class));
            }
        }
        JsonArray jmh = new JsonArray();
        if (o.has("jmh") && Files.isRegularFile(Path.of(o.get("jmh", "")))) {
            try (Reader r = Files.newBufferedReader(Path.of(o.get("jmh", "")))) {
                jmh = JsonParser.parseReader(r).getAsJsonArray();
            }
        }
        Properties env = new Properties();
        if (o.has("env")) {
            try (Reader r = Files.newBufferedReader(Path.of(o.get("env", "")), StandardCharsets.UTF_8)) {
                env.load(r);
            }
        }
        Path out = Path.of(o.get("out", "docs/benchmarks.md"));
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, new Report(results, jmh, env).render(), StandardCharsets.UTF_8);
        System.err.println("loadgen: wrote " + out);
    }

    // ---- figures ----

    /** Values of one metric over the repetitions of a case on a router. */
    private double[] values(String caseId, String router, String metric) {
        return results.stream().filter(r -> r.caseId().equals(caseId) && r.router().equals(router))
                .map(r -> r.metrics() == null ? null : r.metrics().get(metric))
                .filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private double median(String caseId, String router, String metric) {
        return median(values(caseId, router, metric));
    }

    /** {@code 1,234 (1,100–1,300)}, or {@code –} when not measured. */
    private String cell(String caseId, String router, String metric) {
        double[] v = values(caseId, router, metric);
        if (v.length == 0) {
            return "–";
        }
        String m = num(median(v));
        return v.length == 1 ? m : m + " (" + num(v[0]) + "–" + num(v[v.length - 1]) + ")";
    }

    private String ratio(String caseId, String metric, boolean higherIsBetter) {
        double sb = median(caseId, Suite.SWITCHBOARD, metric);
        double jw = median(caseId, Suite.JAWAMPA, metric);
        if (Double.isNaN(sb) || Double.isNaN(jw) || sb == 0 || jw == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f×", higherIsBetter ? sb / jw : jw / sb);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private long errors(String caseId, String router) {
        return results.stream().filter(r -> r.caseId().equals(caseId) && r.router().equals(router))
                .mapToLong(RunResult::errors).sum();
    }

    private List<String> cases(String prefix) {
        return results.stream().map(RunResult::caseId).filter(id -> id.startsWith(prefix)).distinct().toList();
    }

    private RunResult first(String caseId) {
        return results.stream().filter(r -> r.caseId().equals(caseId)).findFirst().orElseThrow();
    }

    private Set<String> routers(String caseId) {
        return results.stream().filter(r -> r.caseId().equals(caseId)).map(RunResult::router)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // ---- rendering ----

    private String render() {
        line("# Benchmarks");
        line("");
        line("Generated by `benchmarks/run-all.sh` on " + env.getProperty("date", "?") + " (commit "
                + env.getProperty("commit", "?") + "), " + env.getProperty("reps", "3")
                + " repetitions per case. Every figure is the **median of the repetitions, with the range (min–max) in "
                + "parentheses**. Switchboard and jawampa run alternately within each repetition, so both see the "
                + "same noise of this shared machine: read the ratios before the absolute numbers. "
                + "Total wall time of the run: " + env.getProperty("elapsed", "?") + ".");
        line("");
        machine();
        targets();
        rpc();
        pubsub();
        sessions();
        micro();
        limits();
        flags();
        method();
        return md.toString();
    }

    private void machine() {
        line("## Machine, JVMs and flags");
        line("");
        line("| | |");
        line("|---|---|");
        for (String[] k : new String[][] {{"cpu", "CPU"}, {"cores", "Cores"}, {"memory", "Memory"},
                {"kernel", "Kernel"}, {"load", "Load average before / after"}, {"node_java", "Switchboard JVM"},
                {"node_flags", "Switchboard JVM flags"}, {"second_java", "Second pass of Switchboard (RPC cases)"},
                {"jawampa_java", "jawampa JVM"},
                {"jawampa_flags", "jawampa JVM flags"}, {"loadgen_flags", "Load generator JVM flags"},
                {"jmh_flags", "JMH"}, {"wake", "Thread hand-over on this machine"}}) {
            line("| " + k[1] + " | " + esc(env.getProperty(k[0], "?")) + " |");
        }
        line("");
        line("The load generator (`dev.switchboard.bench.LoadGenerator`, one NIO selector thread, our own serializers) "
                + "runs on the same 2 cores as the router under test, as the issue asks: a router and its load share "
                + "the machine, so CPU columns show who used what. Payload: 100 bytes of arguments "
                + "(`[123456789, \"xxx…\", {\"ok\": true}]`) unless said otherwise. Realm `realm1`, no authentication.");
        line("");
    }

    private void targets() {
        line("## Headline figures against the targets of issue 9");
        line("");
        line("| Target | Switchboard | jawampa | Ratio | Met? |");
        line("|---|---|---|---|---|");
        target("Routed RPC ≥ 3× jawampa (WebSocket/TCP, JSON)", "rpc-max/ws-tcp/json", "calls_per_s", "calls/s",
                true, sb -> sb / median("rpc-max/ws-tcp/json", Suite.JAWAMPA, "calls_per_s") >= 3);
        target("Routed RPC ≥ 3× jawampa (WebSocket/TCP, MsgPack)", "rpc-max/ws-tcp/msgpack", "calls_per_s", "calls/s",
                true, sb -> sb / median("rpc-max/ws-tcp/msgpack", Suite.JAWAMPA, "calls_per_s") >= 3);
        target("Routed calls ≥ 200k/s (best transport)", bestCase("rpc-max/", "calls_per_s"), "calls_per_s",
                "calls/s", true, sb -> sb >= 200_000);
        target("PubSub deliveries ≥ 3× jawampa (100 subscribers)", "pubsub-100/ws-tcp/json", "deliveries_per_s",
                "deliveries/s", true,
                sb -> sb / median("pubsub-100/ws-tcp/json", Suite.JAWAMPA, "deliveries_per_s") >= 3);
        target("PubSub deliveries ≥ 1M/s (best case)", bestCase("pubsub-", "deliveries_per_s"), "deliveries_per_s",
                "deliveries/s", true, sb -> sb >= 1_000_000);
        target("Sequential RPC p50 ≤ 100 µs (RawSocket, MsgPack, Unix socket)", "rpc-seq/rawsocket-unix/msgpack",
                "p50_us", "µs", false, sb -> sb <= 100);
        target("Sequential RPC p50 ≤ 150 µs (WebSocket, JSON, loopback)", "rpc-seq/ws-tcp/json", "p50_us", "µs",
                false, sb -> sb <= 150);
        target("p99 ≤ 1 ms at half of the maximum throughput (WebSocket, JSON)", "rpc-half/ws-tcp/json", "p99_us",
                "µs", false, sb -> sb <= 1000);
        target("(reference) p99 at a quarter of the maximum throughput (WebSocket, JSON)", "rpc-quarter/ws-tcp/json",
                "p99_us", "µs", false, sb -> sb <= 1000);
        target("Router RSS ≤ 128 MB with 1,000 active sessions (held; the peak right after they joined is in the "
                + "sessions table)", "sessions-1k-active/ws-tcp/json", "router_rss_mb",
                "MB", false, sb -> sb <= 128);
        String tenK = "sessions-10k-idle/ws-tcp/json";
        double perSession = median(tenK, Suite.SWITCHBOARD, "heap_kb_per_session");
        if (!Double.isNaN(perSession)) {
            double projected = perSession * 100_000 / 1024 / 1024;
            line("| 100,000 idle WebSocket sessions within 2 GiB of heap (projected from 10,000: "
                    + num(perSession) + " KiB live heap per session) | " + num(projected) + " GiB | – | – | "
                    + (projected <= 2 ? "yes (projected)" : "no (projected)") + " |");
        }
        line("");
    }

    private String bestCase(String prefix, String metric) {
        String best = null;
        double top = -1;
        for (String id : cases(prefix)) {
            double v = median(id, Suite.SWITCHBOARD, metric);
            if (v > top) {
                top = v;
                best = id;
            }
        }
        return best;
    }

    private void target(String what, String caseId, String metric, String unit, boolean higherIsBetter,
            java.util.function.DoublePredicate met) {
        if (caseId == null || values(caseId, Suite.SWITCHBOARD, metric).length == 0) {
            line("| " + what + " | not measured | | | |");
            return;
        }
        double sb = median(caseId, Suite.SWITCHBOARD, metric);
        line("| " + what + " (`" + caseId + "`) | " + cell(caseId, Suite.SWITCHBOARD, metric) + " " + unit + " | "
                + cell(caseId, Suite.JAWAMPA, metric) + " | " + ratio(caseId, metric, higherIsBetter) + " | "
                + (met.test(sb) ? "yes" : "**no**") + " |");
    }

    private void rpc() {
        line("## RPC: callee of `bench.echo`, callers × outstanding calls");
        line("");
        line("`rpc-max`: closed loop, 4 callers × 32 outstanding. `rpc-seq`: one caller, one call at a time "
                + "(Crossbar's published round trip). `rpc-half` / `rpc-quarter`: open loop at half / a quarter of "
                + "that router's own `rpc-max` median (the rate is in the parameters), 4 callers with up to 64 outstanding, latency from the intended start (no coordinated "
                + "omission). Latencies are round trips caller → router → callee → router → caller.");
        line("");
        line("| Case | Router | Parameters | Calls/s | p50 µs | p99 µs | p99.9 µs | Router CPU % (routing / I/O) "
                + "| Router RSS MB | Generator CPU % | Calls/s vs jawampa | Errors |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String id : cases("rpc-")) {
            for (String router : routers(id)) {
                RunResult f = results.stream().filter(r -> r.caseId().equals(id) && r.router().equals(router))
                        .findFirst().orElseThrow();
                line("| `" + id + "` | " + router + " | " + f.params() + " | " + cell(id, router, "calls_per_s")
                        + " | " + cell(id, router, "p50_us") + " | " + cell(id, router, "p99_us") + " | "
                        + cell(id, router, "p999_us") + " | " + cpu(id, router) + " | "
                        + cell(id, router, "router_rss_mb") + " | " + cell(id, router, "loadgen_cpu_pct") + " | "
                        + (router.equals(Suite.SWITCHBOARD) && !f.params().contains("rate=")
                                ? ratio(id, "calls_per_s", true) : "") + " | "
                        + errors(id, router) + " |");
            }
        }
        line("");
    }

    private void pubsub() {
        line("## PubSub: one acknowledged, windowed publisher → S subscribers");
        line("");
        line("The publisher keeps at most `window` publications unacknowledged and at most `window` publications not "
                + "yet delivered to every subscriber: the figures are sustained rates, not buffering. Latency: "
                + "publish → delivery, from the publisher's clock in the EVENT (same process); subscribers decode "
                + "one event in `sample` (all are counted).");
        line("");
        line("| Case | Router | Parameters | Published/s | Deliveries/s | p50 µs | p99 µs | p99.9 µs "
                + "| Router CPU % (routing / I/O) | Router RSS MB | Generator CPU % | Deliveries vs jawampa | Errors |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String id : cases("pubsub-")) {
            for (String router : routers(id)) {
                RunResult f = results.stream().filter(r -> r.caseId().equals(id) && r.router().equals(router))
                        .findFirst().orElseThrow();
                line("| `" + id + "` | " + router + " | " + f.params() + " | " + cell(id, router, "published_per_s")
                        + " | " + cell(id, router, "deliveries_per_s") + " | " + cell(id, router, "p50_us") + " | "
                        + cell(id, router, "p99_us") + " | " + cell(id, router, "p999_us") + " | "
                        + cpu(id, router) + " | " + cell(id, router, "router_rss_mb") + " | "
                        + cell(id, router, "loadgen_cpu_pct") + " | "
                        + (router.equals(Suite.SWITCHBOARD) ? ratio(id, "deliveries_per_s", true) : "") + " | "
                        + errors(id, router) + " |");
            }
        }
        line("");
    }

    private void sessions() {
        line("## Sessions: K sessions join, then stay");
        line("");
        line("Joins: TCP connect → WebSocket upgrade → HELLO → WELCOME, at most `concurrency` in flight. Then the "
                + "sessions stay (active: each calls `bench.echo` once a second): " + num(SessionsScenario.SETTLE_SECS)
                + " s to settle, then the measurement window, in which the router's RSS is sampled (*RSS held*: its "
                + "peak in the window). *RSS peak* is the highest from the first connect to the end of the window: the "
                + "burst of joins makes the JIT compile the join path and G1 grow the heap, and glibc returns the "
                + "compiler's freed memory at its next trims. *RSS before* is read after a full collection, once the RSS has "
                + "stopped falling. Heap is read with `jcmd GC.run` + `GC.heap_info` (live heap after a full GC). "
                + "KiB per session = (heap held − heap before) / sessions; heap after leave is read 3 s (plus 0.5 s per "
                + "1,000 sessions) after the last GOODBYE: what the router keeps once every session is gone.");
        line("");
        line("| Case | Router | Parameters | Joined | Time to join all s | Joins/s | Join p50 ms | Join p99 ms "
                + "| RSS before MB | RSS peak MB | RSS held MB | Threads held | Heap before MB | Heap held MB | Heap after leave MB "
                + "| KiB/session | Errors |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String id : cases("sessions-")) {
            for (String router : routers(id)) {
                RunResult f = results.stream().filter(r -> r.caseId().equals(id) && r.router().equals(router))
                        .findFirst().orElseThrow();
                line("| `" + id + "` | " + router + " | " + f.params() + " | " + cell(id, router, "sessions_joined")
                        + " | " + cell(id, router, "join_all_s") + " | " + cell(id, router, "joins_per_s") + " | "
                        + scaled(id, router, "join_p50_us") + " | " + scaled(id, router, "join_p99_us") + " | "
                        + cell(id, router, "router_rss_before_mb") + " | " + cell(id, router, "router_rss_peak_mb")
                        + " | " + cell(id, router, "router_rss_mb") + " | "
                        + cell(id, router, "router_threads") + " | "
                        + cell(id, router, "router_heap_before_mb") + " | " + cell(id, router, "router_heap_used_mb")
                        + " | " + cell(id, router, "router_heap_after_leave_mb")
                        + " | " + cell(id, router, "heap_kb_per_session") + " | " + errors(id, router) + " |");
            }
        }
        line("");
    }

    /** Total CPU with the routing thread(s) and the I/O threads beside it, medians. */
    private String cpu(String id, String router) {
        return num(median(id, router, "router_cpu_pct")) + " (" + num(median(id, router, "router_routing_cpu_pct"))
                + " / " + num(median(id, router, "router_io_cpu_pct")) + ")";
    }

    private String scaled(String id, String router, String metricUs) {
        double[] v = values(id, router, metricUs);
        if (v.length == 0) {
            return "–";
        }
        return num(median(v) / 1000) + (v.length > 1 ? " (" + num(v[0] / 1000) + "–" + num(v[v.length - 1] / 1000) + ")" : "");
    }

    private void micro() {
        line("## Microbenchmarks (JMH, router core and codecs in one thread)");
        line("");
        if (jmh.isEmpty()) {
            line("Not run.");
            line("");
            return;
        }
        line("Score ± 99.9% error over the measurement iterations of one fork; allocation from `-prof gc` "
                + "(`gc.alloc.rate.norm`). Fan-out: `encodes/publish` counts `Serializer.encode` calls per "
                + "publication over all subscribers: 1 per serializer in use means encode-once works.");
        line("");
        line("| Benchmark | Parameters | Score | Unit | Allocated B/op | Encodes/publish |");
        line("|---|---|---|---|---|---|");
        for (JsonElement e : jmh) {
            JsonObject b = e.getAsJsonObject();
            String name = b.get("benchmark").getAsString();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new LinkedHashMap<>();
            if (b.has("params")) {
                for (Map.Entry<String, JsonElement> p : b.getAsJsonObject("params").entrySet()) {
                    params.put(p.getKey(), p.getValue().getAsString());
                }
            }
            JsonObject primary = b.getAsJsonObject("primaryMetric");
            double score = primary.get("score").getAsDouble();
            double error = primary.get("scoreError").isJsonPrimitive() ? primary.get("scoreError").getAsDouble()
                    : Double.NaN;
            JsonObject secondary = b.has("secondaryMetrics") ? b.getAsJsonObject("secondaryMetrics") : new JsonObject();
            String alloc = secondary.has("gc.alloc.rate.norm")
                    ? num(secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble()) : "–";
            String encodes = secondary.has("encodes")
                    ? num(score / secondary.getAsJsonObject("encodes").get("score").getAsDouble()) : "";
            line("| " + name + " | " + params.entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining(", ")) + " | " + num(score)
                    + (Double.isNaN(error) ? "" : " ± " + num(error)) + " | " + primary.get("scoreUnit").getAsString()
                    + " | " + alloc + " | " + encodes + " |");
        }
        line("");
    }

    private void limits() {
        line("## What limits these figures");
        line("");
        line("- **Who does what in the router.** A realm is one serial actor; transports decode on their own threads "
                + "and, when the realm is idle, run its turn right there (no hand-over); a busy realm goes on in the "
                + "`switchboard-router` pool. Sending never writes on the realm's thread: `Peer.send` encodes once per "
                + "serializer (shared by all subscribers), queues the bytes and hands the connection's flush to its "
                + "transport pool, which writes everything queued meanwhile in one gathering (RawSocket) or batched "
                + "(WebSocket) write. Payloads (`args`/`kwargs`) stay in the bytes they arrived in and go out verbatim "
                + "to peers of the same serializer. So the routing column is now small and the I/O column carries "
                + "decoding and writing, spread over both cores; at the maximum, both cores are busy.");
        line("- **Tail latency between idle and the maximum.** At the maximum, messages for a connection arrive "
                + "while its last write is in progress and go out together, and a read brings several frames; at half "
                + "of it (`rpc-half`, open loop) each message is read, routed and written alone: a selector wake-up and "
                + "a pool thread hand-over per read, one per write. Measured from /proc: at ~110k calls/s the router "
                + "spends about 6 µs of user and 3.5 µs of kernel time per call, against 5 µs and 1 µs at ~210k; "
                + "so it uses as much CPU at half of its maximum as at the maximum, the 2 cores it shares with the "
                + "generator are ~85 % busy, and the p99 is scheduling delay. Allocation is not the cause (a young "
                + "collection every ~0.2 s of ~1 ms; three times the eden changed nothing), and raising the maximum "
                + "(less garbage per call raised it by about a tenth) raises the half rate with it. "
                + "Tried and measured, not kept: "
                + "writing on the delivering transport thread (sequential round trip 59 → 43 µs, but a third of the "
                + "maximum lost to unbatched writes); one or two dedicated flush threads per listener (the same p99, "
                + "−13 % fan-out to 1,000 subscribers with one); spinning before parking (more CPU, worse p99); more "
                + "reserved threads for Jetty's execute-produce-consume mode (0, 1 or 2: the same CPU and p99). "
                + "Profiled at 40k calls/s (`perf`): the router uses ~125 % CPU, as much as at the maximum, and 54 % "
                + "of it is kernel time, a quarter of it context switches and wake-ups: each message is handed from "
                + "the selector to a pool thread (Jetty runs every WebSocket read as a blocking task) and from the "
                + "routing thread to another pool thread to be written. A hand-over itself is fast here (see the "
                + "machine table: a few µs even at p99 on an idle machine); what it costs is CPU, which at moderate "
                + "rates leaves the generator and the router queueing for the 2 cores. The next step is fewer "
                + "hand-overs per message: writing what a read produced on the reading thread once the read's "
                + "frames are all parsed (batched as now), and reads run on the selector thread.");
        line("- **The machine.** Router and generator share 2 cores with whatever else runs (see the load average "
                + "above). Where `Router CPU + Generator CPU` approaches 200 %, no router can go faster here.");
        line("- **The generator's single I/O thread** decodes every RPC message and samples events; its CPU column "
                + "shows when it is close to one core (then the figure is a floor for the router).");
        line("- **Connection bursts.** Both transports listen with an accept queue of 1,024 connections "
                + "(`acceptQueueSize`; the kernel caps it at `net.core.somaxconn`). With the JDK's default of 50, bursts "
                + "of 100–200 concurrent connects overflowed it and the kernel dropped SYNs, which clients retry after "
                + "1 s: a join p99 of about 1 s.");
        line("- **Threads and RSS.** Each listener's Jetty pool is bounded (`maxThreads`: 4 per processor, 8 to 64; "
                + "one acceptor and 1–4 selectors per socket; idle threads end after 30 s), so a burst of joins no "
                + "longer leaves hundreds of threads (`Threads held`). An idle node after a full collection is ~110 MB "
                + "(native memory tracking: heap ~20 MB committed, metaspace 19 MB and class space 3 MB for ~4,100 "
                + "classes, JIT code 16–18 MB, the CDS archive 12 MB, libjvm 16 MB, malloc ~12 MB, thread stacks "
                + "4 MB; G1's structures for a 2 GiB heap are 40 MB committed but about 1 MB resident). The launcher "
                + "tells Jetty the references per cache line, which it otherwise asks JMX for, starting the platform "
                + "MBean server (~300 classes, 5–7 MB): since this run on every start path (before, only a node "
                + "directory's start did, not the runtime's default start that these benchmarks use). 1,000 active "
                + "sessions add ~6 MB of live heap; what moves the held RSS is transient. (1) G1 grows the heap in the "
                + "burst of joins (a few young collections of a small heap look like a high GC overhead): after the "
                + "cases before it, from ~20 MB to 57–90 MB committed with G1's default `GCTimeRatio` (12), 27–60 MB "
                + "with 4 (now recommended, see the flags), and only a remark or a full collection gives it back. (2) "
                + "The JIT: a C2 compilation of a large method (the realm's message handler, a connection's send path) "
                + "holds 8–13 MB of compiler arenas for a second or two, freed when it ends (glibc's heap is trimmed "
                + "every 2 s); *RSS held* is the window's peak, so it catches them. Between such events a node holding "
                + "the 1,000 sessions sits at ~122–127 MB. Measured, not adopted: `-XX:-TieredCompilation` (C2 only: "
                + "JIT code 18 → 5 MB and smaller arenas, held 130–132 MB, but −6 % RPC maximum on WebSocket/JSON "
                + "and a start of 1.9 s instead of 1.2 s).");
        line("");
    }

    private void flags() {
        line("## Recommended JVM flags, and why");
        line("");
        line("The node runs with `" + env.getProperty("node_flags", "?") + "` (JAVA_OPTS of `runtime/bin/switchboard`). "
                + "Compiled for Java 17; the same flags work on Java 25 (`NODE_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 "
                + "benchmarks/run-all.sh`).");
        line("");
        line("| Flag | Why |");
        line("|---|---|");
        line("| `-XX:+UseG1GC` | The default on 2+ cores, said explicitly: routing allocates a few KiB per message "
                + "(see `Allocated B/op` above), all short-lived; G1's young collections of a mostly dead heap take "
                + "1–2 ms here. Parallel GC has no pause goal; Serial GC pauses longer once eden is large. |");
        line("| `-XX:MaxGCPauseMillis=20` | The p99 targets are in milliseconds: a 200 ms default goal lets G1 "
                + "grow eden and pause longer than any RPC. |");
        line("| `-Xms16m` | The JVM's default initial heap is 1/64 of RAM (384 MB on this 24 GB machine), which is "
                + "resident at once. A node starts with ~10 MB live heap and holds ~17 MB with 1,000 sessions; G1 grows "
                + "the heap under load, and a collection never shrinks it below `-Xms` (64 MB cost ~13 MB of RSS with "
                + "1,000 sessions). |");
        line("| `-Xmx2g` | 100,000 idle sessions need about 1 GB of live heap (KiB/session above); 2 GiB leaves G1 room "
                + "to work. Below 10,000 sessions `-Xmx512m` is plenty. |");
        line("| `-XX:G1PeriodicGCInterval=15000` | After a burst G1 keeps the grown heap committed (RSS stays high); a "
                + "periodic collection when idle gives it back to the OS. |");
        line("| `-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=40` | After a full or periodic collection G1 keeps "
                + "the heap between 10 % and 40 % free instead of 40–70 %: with 17 MB live, 27 MB committed instead of "
                + "up to 56 MB (~10 MB of RSS). Young collections still size eden for the pause goal: no throughput "
                + "change measured. |");
        line("| `-XX:GCTimeRatio=4` | G1 grows the heap when collections take more than 1/(1+N) of the time: 8 % "
                + "by default (N = 12). The burst of 1,000 joins crosses that in a small heap and the heap doubles or "
                + "triples for good (20 → 57–90 MB committed); at 20 % it grows less (27–60 MB). Under full load the "
                + "node holds less as well (~210 MB instead of ~280 MB at the RPC maximum), for 2–4 % of that "
                + "maximum in back-to-back runs (less than the noise between whole runs): each young collection of "
                + "this mostly dead heap takes ~1 ms whatever the eden, so a smaller eden costs little. |");
        line("| `-XX:TrimNativeHeapInterval=2000` | glibc keeps memory the JVM frees (JIT compiler arenas, class "
                + "loading) instead of returning it; trimming every 2 s gave back 15–20 MB of RSS after load, with no "
                + "throughput change measured. On Java 17 from recent updates on (`runtime/bin/switchboard` passes it "
                + "only when the JVM accepts it), 21 and 25. |");
        line("| `-XX:+PerfDisableSharedMem` | No `hsperfdata` file written through a memory mapping on every GC: "
                + "removes a known source of multi-millisecond stalls when the disk is busy. `jcmd PID` keeps "
                + "working (only `jps` listing is lost). |");
        line("| not used: `-XX:+AlwaysPreTouch` | Makes the whole `-Xms` resident at start: against the RSS target. |");
        line("| not used: `MALLOC_ARENA_MAX=2`, `-Xshare:off`, `-XX:ArchiveRelocationMode=0` | No RSS difference "
                + "beyond the noise between runs here (±5 MB) once the native heap is trimmed. |");
        line("| for the smallest RSS | `-XX:+UseSerialGC -Xmx512m` saves a few MB more (G1's structures are mostly "
                + "never touched: ~1 MB resident of 40 MB committed); in exchange young pauses grow with eden. |");
        line("");
    }

    private void method() {
        line("## How to run, and what the figures mean");
        line("");
        line("```sh");
        line("benchmarks/run-all.sh                 # build, start the node and jawampa, run everything, write this file");
        line("QUICK=1 benchmarks/run-all.sh         # a shorter set (about 5 minutes)");
        line("java -jar benchmarks/target/benchmarks.jar -prof gc BrokerFanout   # one JMH benchmark, with allocation");
        line("java -cp benchmarks/target/benchmarks.jar dev.switchboard.bench.LoadGenerator help");
        line("java -cp benchmarks/target/benchmarks.jar dev.switchboard.bench.LoadGenerator rpc \\");
        line("    --url rawsocket+unix:runtime/run/rawsocket.sock --serializer msgpack --callers 1 --window 1");
        line("```");
        line("");
        line("- Each run: warm-up (not recorded; 1 s, " + num(Suite.OPEN_LOOP_WARMUP_SECS) + " s for the open-loop "
                + "cases, which follow closed-loop ones at several times their rate), then the measurement window; the "
                + "router's CPU (utime+stime) and peak RSS come from `/proc/<pid>` sampled every 200 ms during the "
                + "window, CPU in percent of one core (200 % = both cores). Before the first case each router gets a "
                + "few seconds of RPC (closed loop and paced), PubSub, and 1,000 sessions that join, call for 3 s and "
                + "leave, so its JIT is warm (the join path's compilation is not what the sessions case measures).");
        line("- Router CPU is split by thread role, from `/proc/<pid>/task`: *routing* is the `switchboard-router` pool "
                + "(where a busy realm's actor runs; jawampa's `WampRouterEventLoop`), *I/O* the transport threads "
                + "(Jetty's pools, which also run an idle realm's turn inline; jawampa's Netty loops). A routing "
                + "figure near 100 % would mean a realm's single actor is the bottleneck, whatever the total.");
        line("- The generator and the router share 2 cores. When `Router CPU % + Generator CPU %` is near 200, the "
                + "machine is the limit, not the router: the absolute figures are a floor, the jawampa ratio is the "
                + "comparison that holds.");
        line("- jawampa 0.5.0 (`ws.wamp.jawampa:jawampa-netty`, Netty 4.1.11, Jackson 2.4) runs as a separate "
                + "process (`benchmarks/jawampa-peer`, its own class path) on WebSocket over TCP with JSON and MsgPack: "
                + "it has no RawSocket, no CBOR, no Unix sockets and no shared registrations, so those cases have no "
                + "jawampa column.");
        line("- 100,000 sessions cannot be opened here: the open-file limit is 20,000 per process (hard limit, not "
                + "raisable in this container), so the 100k heap figure is projected from the 10,000-session run.");
        line("");
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private static String esc(String s) {
        return s.replace("|", "\\|");
    }
}
