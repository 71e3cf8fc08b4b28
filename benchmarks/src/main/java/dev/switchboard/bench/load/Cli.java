package dev.switchboard.bench.load;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.switchboard.bench.Serializers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Parses the command line and runs one command; see {@link #HELP}. */
public final class Cli {
    static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    static final String HELP = """
            usage: LoadGenerator COMMAND [--option value ...]

            Scenarios against one router (URL: ws://HOST:PORT/PATH, ws+unix:/path/ws.sock, rawsocket://HOST:PORT,
            rawsocket+unix:/path/rawsocket.sock; realm realm1; only what it names is contacted):
              rpc       --callers 4 --window 32 --callees 1 [--rate CALLS_PER_S]   (sequential: --callers 1 --window 1)
              pubsub    --subscribers 100 --window 64 [--sample-every 1]
              sessions  --sessions 1000 --concurrency 200 [--calls-per-sec 0]      (per session, 0 = idle)
                        [--settle 10]   (seconds the sessions are held before the window)
            common:     --url URL --serializer json|msgpack|cbor --payload 100 --loops 1 --warmup 2 --duration 5
                        --router-pid PID|auto (CPU/RSS/heap of the router; auto: the process listening on the URL)
                        --router NAME --case ID --json-out FILE (appends one JSON line per run) --realm realm1

            suite       runs the whole set against Switchboard and the jawampa peer (see Suite), e.g.
                        --ws ws://127.0.0.1:18080/ws --ws-unix ws+unix:/p/ws.sock --raw rawsocket://127.0.0.1:18081
                        --raw-unix rawsocket+unix:/p/rawsocket.sock --router-pid PID --jawampa-jar JAR
                        --jawampa-port 18091 --jawampa-jvm "-Xmx1g ..." --reps 3 --out results.jsonl
            report      --results results.jsonl --jmh jmh.json --env env.properties --out docs/benchmarks.md
            wake        --handovers 20000 --gap-us 50: this machine's thread hand-over latency (p50, p99)
            """;

    private Cli() {}

    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println(HELP);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Options o = new Options(args, 1);
            switch (args[0]) {
                case "rpc", "pubsub", "sessions" -> {
                    RunResult r = scenario(args[0], o).run();
                    print(r);
                    if (o.has("json-out")) {
                        append(Path.of(o.get("json-out", "")), r);
                    }
                    return 0;
                }
                case "suite" -> {
                    return new Suite(o).run();
                }
                case "report" -> {
                    Report.write(o);
                    return 0;
                }
                case "wake" -> {
                    double[] wake = WakeLatency.measure(o.getInt("handovers", 20_000), o.getInt("gap-us", 50));
                    System.out.printf(java.util.Locale.ROOT, "wake_p50_us=%.1f wake_p99_us=%.1f%n", wake[0], wake[1]);
                    return 0;
                }
                default -> {
                    System.err.println("unknown command '" + args[0] + "'\n" + HELP);
                    return 2;
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("loadgen: " + e.getMessage());
            return 1;
        }
    }

    static Scenario scenario(String kind, Options o) {
        Endpoint endpoint = Endpoint.parse(o.require("url"));
        String pid = o.get("router-pid", "auto");
        long routerPid = pid.equals("auto") ? ProcSampler.listenerPid(endpoint) : Long.parseLong(pid);
        String serializer = o.get("serializer", "json");
        Scenario.Settings s = new Scenario.Settings(
                o.get("case", kind + "/" + endpoint.transport() + "/" + serializer), o.get("router", "router"),
                endpoint, Serializers.byName(serializer), o.get("realm", "realm1"), o.getInt("payload", 100),
                o.getInt("loops", 1), o.getDouble("warmup", 2), o.getDouble("duration", 5), routerPid);
        return switch (kind) {
            case "rpc" -> new RpcScenario(s, o.getInt("callers", 4), o.getInt("window", 32), o.getInt("callees", 1),
                    o.getDouble("rate", 0));
            case "pubsub" -> new PubSubScenario(s, o.getInt("subscribers", 100), o.getInt("window", 64),
                    o.getInt("sample-every", 1));
            case "sessions" -> new SessionsScenario(s, o.getInt("sessions", 1000), o.getInt("concurrency", 200),
                    o.getDouble("calls-per-sec", 0), o.getDouble("settle", SessionsScenario.SETTLE_SECS));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static void print(RunResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.router()).append(' ').append(r.caseId()).append(" [").append(r.params()).append("]");
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            b.append(' ').append(e.getKey()).append('=').append(format(e.getValue()));
        }
        if (r.errors() > 0) {
            b.append(" errors=").append(r.errors()).append(" (").append(r.lastError()).append(')');
        }
        System.out.println(b);
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format("%,.0f", v);
        }
        return String.format("%.3g", v);
    }

    static void append(Path file, RunResult r) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, GSON.toJson(r) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
