package dev.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole set, as benchmarks/run-all.sh runs it: every case {@code reps} times, Switchboard and then jawampa in
 * each repetition (so both see the same noise of this shared machine), one JSON line per run in {@code --out}.
 * jawampa (WebSocket over TCP, JSON and MsgPack, one callee per procedure: its basic profile) runs only the cases it
 * supports. Bounded: every run has a fixed warm-up and window, every wait a timeout.
 */
final class Suite {
    static final String SWITCHBOARD = "switchboard";
    static final String JAWAMPA = "jawampa";

    /** One case: a scenario on one transport and serializer, with its options. */
    record Case(String id, String kind, String transport, String serializer, boolean jawampa, String... options) {}

    private final Options o;
    private final Path out;
    private final int reps;
    /** How Switchboard's rows are labelled: a second pass on another JDK gets its own name. */
    private final String sbName;
    private String jawampaUrl;

    static final double OPEN_LOOP_WARMUP_SECS = 3;

    Suite(Options o) {
        this.o = o;
        this.sbName = o.get("switchboard-name", SWITCHBOARD);
        this.out = Path.of(o.get("out", "target/loadgen/results.jsonl"));
        this.reps = o.getInt("reps", 3);
    }

    /** The plan; ids are what the report groups by. Payload 100 bytes unless a case says otherwise. */
    static List<Case> plan(boolean quick) {
        List<Case> cases = new ArrayList<>(List.of(
                // routed RPC throughput, closed loop: 4 callers x 32 outstanding
                new Case("rpc-max/ws-tcp/json", "rpc", "ws", "json", true, "--callers", "4", "--window", "32"),
                new Case("rpc-max/ws-tcp/msgpack", "rpc", "ws", "msgpack", true, "--callers", "4", "--window", "32"),
                new Case("rpc-max/ws-unix/json", "rpc", "ws-unix", "json", false, "--callers", "4", "--window", "32"),
                new Case("rpc-max/rawsocket-unix/msgpack", "rpc", "raw-unix", "msgpack", false,
                        "--callers", "4", "--window", "32"),
                new Case("rpc-max/rawsocket-tcp/cbor", "rpc", "raw", "cbor", false, "--callers", "4", "--window", "32"),
                // sequential round trips, as Crossbar publishes them
                new Case("rpc-seq/rawsocket-unix/msgpack", "rpc", "raw-unix", "msgpack", false,
                        "--callers", "1", "--window", "1"),
                new Case("rpc-seq/ws-tcp/json", "rpc", "ws", "json", true, "--callers", "1", "--window", "1"),
                // latency at half of the router's own maximum (open loop; rate filled in per router)
                new Case("rpc-half/ws-tcp/json", "rpc", "ws", "json", true, "--callers", "4", "--window", "64",
                        "--rate", "HALF:rpc-max/ws-tcp/json"),
                new Case("rpc-quarter/ws-tcp/json", "rpc", "ws", "json", true, "--callers", "4", "--window", "64",
                        "--rate", "QUARTER:rpc-max/ws-tcp/json"),
                // PubSub: acknowledged, windowed publisher to S subscribers
                new Case("pubsub-1/ws-tcp/json", "pubsub", "ws", "json", true, "--subscribers", "1", "--window", "64"),
                new Case("pubsub-100/ws-tcp/json", "pubsub", "ws", "json", true, "--subscribers", "100",
                        "--window", "32", "--sample-every", "4"),
                new Case("pubsub-100/rawsocket-unix/msgpack", "pubsub", "raw-unix", "msgpack", false,
                        "--subscribers", "100", "--window", "32", "--sample-every", "4"),
                new Case("pubsub-1000/ws-tcp/msgpack", "pubsub", "ws", "msgpack", true, "--subscribers", "1000",
                        "--window", "8", "--sample-every", "16"),
                new Case("pubsub-1000/rawsocket-unix/msgpack", "pubsub", "raw-unix", "msgpack", false,
                        "--subscribers", "1000", "--window", "8", "--sample-every", "16"),
                // sessions: 1,000 active (1 call/s each), 10,000 idle
                new Case("sessions-1k-active/ws-tcp/json", "sessions", "ws", "json", true, "--sessions", "1000",
                        "--concurrency", "100", "--calls-per-sec", "1"),
                new Case("sessions-10k-idle/ws-tcp/json", "sessions", "ws", "json", true, "--sessions", "10000",
                        "--concurrency", "200")));
        if (quick) {
            cases.removeIf(c -> c.id().contains("cbor") || c.id().contains("ws-unix") || c.id().startsWith("sessions-10k"));
        }
        return cases;
    }

    int run() throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        long sbPid = o.getLong("router-pid", -1);
        List<Case> cases = plan(o.has("quick"));
        String only = o.get("only", "");
        if (!only.isEmpty()) {
            cases.removeIf(c -> !c.id().matches(only));
        }
        JawampaPeer jawampa = null;
        if (o.has("jawampa-jar") && cases.stream().anyMatch(Case::jawampa)) {
            jawampa = JawampaPeer.start(Path.of(o.get("jawampa-jar", "")), o.getInt("jawampa-port", 18091),
                    o.get("jawampa-java", null),
                    Arrays.asList(o.get("jawampa-jvm", "").trim().split("\\s+")).stream().filter(s -> !s.isEmpty())
                            .toList());
        }
        try {
            warmUp(sbName, true);
            if (jawampa != null) {
                jawampaUrl = jawampa.url;
                warmUp(JAWAMPA, false);
            }
            List<RunResult> all = new ArrayList<>();
            for (Case c : cases) {
                for (int rep = 1; rep <= reps; rep++) {
                    if (sbPid > 0 && !ProcessHandle.of(sbPid).map(ProcessHandle::isAlive).orElse(false)) {
                        System.err.println("loadgen: the Switchboard node (pid " + sbPid + ") is gone: stopped from "
                                + "outside during the run; the suite stops here (results so far are kept)");
                        return 3;
                    }
                    all.add(runOne(c, sbName, url(c.transport()), sbPid, all, rep));
                    if (c.jawampa() && jawampa != null) {
                        all.add(runOne(c, JAWAMPA, jawampa.url, jawampa.pid(), all, rep));
                    }
                }
            }
        } finally {
            if (jawampa != null) {
                jawampa.close();
            }
        }
        return 0;
    }

    /**
     * JIT warm-up of a router before anything is recorded: every transport and serializer it will see, RPC and
     * PubSub. On a busy 2-core machine the C2 compiler gets little CPU: without this the first cases measure it.
     */
    private void warmUp(String router, boolean switchboard) {
        System.err.println("loadgen: warming up " + router);
        List<String[]> runs = new ArrayList<>();
        String ws = switchboard ? o.require("ws") : jawampaUrl;
        runs.add(new String[] {"rpc", "--url", ws, "--serializer", "json", "--duration", "6"});
        // the open-loop cases pace their calls: that code path (the generator's, and the router's unbatched one)
        // compiles here, not during the first rpc-half repetition
        runs.add(new String[] {"rpc", "--url", ws, "--serializer", "json", "--callers", "4", "--window", "64",
            "--rate", switchboard ? "50000" : "12000", "--duration", "4"});
        runs.add(new String[] {"pubsub", "--url", ws, "--serializer", "msgpack", "--subscribers", "20",
            "--duration", "3"});
        // joining, holding active sessions and leaving: compiled here, not during the first sessions repetition (a C2
        // compilation of the join path holds several MB of arenas: not what a router holding sessions needs)
        runs.add(new String[] {"sessions", "--url", ws, "--serializer", "json", "--sessions", "1000",
            "--concurrency", "100", "--calls-per-sec", "1", "--settle", "0", "--duration", "3", "--router-pid", "0"});
        if (switchboard) {
            runs.add(new String[] {"rpc", "--url", url("raw-unix"), "--serializer", "msgpack", "--duration", "3"});
            runs.add(new String[] {"rpc", "--url", url("raw"), "--serializer", "cbor", "--duration", "2"});
        }
        for (String[] args : runs) {
            try {
                List<String> all = new ArrayList<>(Arrays.asList(args));
                all.addAll(List.of("--warmup", "0"));
                Cli.scenario(args[0], new Options(all.toArray(String[]::new), 1)).run();
            } catch (RuntimeException e) {
                System.err.println("loadgen: warm-up of " + router + " failed: " + e.getMessage());
            }
        }
    }

    private RunResult runOne(Case c, String router, String url, long pid, List<RunResult> done, int rep)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(c.kind(), "--url", url, "--serializer", c.serializer(),
                "--router", router, "--case", c.id(), "--router-pid", Long.toString(pid),
                "--warmup", warmup(c), "--duration", o.get("duration", "3"),
                "--loops", o.get("loops", "1")));
        for (int i = 0; i < c.options().length; i++) {
            String v = c.options()[i];
            if (v.startsWith("HALF:") || v.startsWith("QUARTER:")) {
                int colon = v.indexOf(':');
                double share = v.startsWith("HALF:") ? 0.5 : 0.25;
                v = Long.toString(Math.max(100,
                        (long) (median(done, v.substring(colon + 1), router, "calls_per_s") * share)));
            }
            args.add(v);
        }
        RunResult r;
        try {
            r = Cli.scenario(c.kind(), new Options(args.toArray(String[]::new), 1)).run();
        } catch (RuntimeException e) {
            Scenario.Settings s = new Scenario.Settings(c.id(), router, Endpoint.parse(url),
                    dev.switchboard.bench.Serializers.byName(c.serializer()), "realm1", 100, 1, 0, 0, pid);
            r = RunResult.of(s, c.kind(), String.join(" ", c.options())).withErrors(1, "run failed: " + e.getMessage());
        }
        System.out.print("[" + rep + "/" + reps + "] ");
        Cli.print(r);
        Cli.append(out, r);
        return r;
    }

    /**
     * Seconds of load before a case's window: 1 (or {@code --warmup}); an open-loop case, which follows closed-loop
     * ones at several times its rate, gets at least 3 to settle at its own (its first second measured the change).
     */
    private String warmup(Case c) {
        String configured = o.get("warmup", "1");
        boolean paced = Arrays.asList(c.options()).contains("--rate");
        return paced ? Double.toString(Math.max(OPEN_LOOP_WARMUP_SECS, Double.parseDouble(configured))) : configured;
    }

    static double median(List<RunResult> results, String caseId, String router, String metric) {
        double[] v = results.stream().filter(r -> r.caseId().equals(caseId) && r.router().equals(router))
                .map(RunResult::metrics).map(m -> m.get(metric)).filter(x -> x != null && !x.isNaN())
                .mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    private String url(String transport) {
        return switch (transport) {
            case "ws" -> o.require("ws");
            case "ws-unix" -> o.require("ws-unix");
            case "raw" -> o.require("raw");
            case "raw-unix" -> o.require("raw-unix");
            default -> throw new IllegalArgumentException(transport);
        };
    }
}
