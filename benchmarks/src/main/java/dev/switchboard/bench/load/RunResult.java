package dev.switchboard.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one scenario: what was measured and under which settings. Written as one JSON line per run; the
 * report takes the median of the repetitions of a case.
 *
 * @param caseId    names the case across repetitions and routers, e.g. {@code rpc-throughput/websocket-tcp/json}
 * @param router    {@code switchboard} or {@code jawampa}
 * @param metrics   figures by name, e.g. {@code calls_per_s}, {@code p99_us}, {@code router_cpu_pct}
 */
record RunResult(String caseId, String scenario, String router, String url, String transport, String serializer,
        int payloadBytes, String params, Map<String, Double> metrics, long errors, String lastError) {

    static RunResult of(Scenario.Settings s, String scenario, String params) {
        return new RunResult(s.caseId(), scenario, s.router(), s.endpoint().url(), s.endpoint().transport(),
                s.serializer().name(), s.payloadBytes(), params, new LinkedHashMap<>(), 0, null);
    }

    RunResult put(String metric, double value) {
        metrics.put(metric, value);
        return this;
    }

    RunResult withErrors(long count, String last) {
        return new RunResult(caseId, scenario, router, url, transport, serializer, payloadBytes, params, metrics, count,
                last);
    }
}
