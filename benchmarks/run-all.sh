#!/usr/bin/env bash
# Runs the whole benchmark set in bounded time (about 15 minutes; QUICK=1 about 6) and writes docs/benchmarks.md:
#   1. builds the benchmarks module and the jawampa peer (offline first, then online),
#   2. runs the JMH microbenchmarks (router core, codecs) with -prof gc,
#   3. starts a private copy of the node (benchmarks/target/node, its own ports and Unix sockets) with the
#      recommended JVM flags below, and the jawampa 0.5 router (the load generator starts it) on another port,
#   4. runs the load generator's suite against both, repetitions alternating between them,
#   5. stops both and renders the report.
# Only 127.0.0.1 and Unix sockets under benchmarks/target/node/run are contacted. Every process started here is
# stopped on exit, also on Ctrl-C.
#
# Environment: JAVA_HOME (else java on PATH), QUICK=1, REPS (3), WS_PORT (28080), RAW_PORT (28081),
# JAWAMPA_PORT (28091), NODE_FLAGS / PEER_FLAGS / LOADGEN_FLAGS (JVM options), OUT (docs/benchmarks.md),
# SKIP_JMH=1, ONLY (a regular expression of suite case ids), NO_PEER=1 (no jawampa), NODE_JAVA_HOME (run the node
# and jawampa on another JDK, e.g. /usr/lib/jvm/temurin-25-jdk-amd64), BUILD_NODE=1 (mvn install the reactor first).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$root/benchmarks/target/bench-results
node=$root/benchmarks/target/node
out=${OUT:-$root/docs/benchmarks.md}
reps=${REPS:-3}
ws_port=${WS_PORT:-28080}
raw_port=${RAW_PORT:-28081}
jawampa_port=${JAWAMPA_PORT:-28091}
# Recommended for the node, as runtime/bin/switchboard's defaults (docs/benchmarks.md explains each): G1 with a short
# pause goal, a small initial heap that grows to 2 GiB for 100k sessions and is given back when idle (at most 40 %
# free after a collection) and grows less in a burst (GCTimeRatio), no hsperfdata file (no mmap'd disk writes), and
# glibc's freed native memory returned.
node_flags=${NODE_FLAGS:-"-Xms16m -Xmx2g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:G1PeriodicGCInterval=15000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=40 -XX:GCTimeRatio=4 -XX:TrimNativeHeapInterval=2000 -XX:+PerfDisableSharedMem"}
peer_flags=${PEER_FLAGS:-$node_flags}
loadgen_flags=${LOADGEN_FLAGS:-"-Xms512m -Xmx2g -XX:+UseParallelGC"}
start_time=$(date +%s)

log() { echo "run-all: $*" >&2; }

node_pid=
cleanup() {
    if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
        log "stopping the node (pid $node_pid)"
        kill "$node_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$node_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$ws_port" "$raw_port" "$jawampa_port"; do
    port_free "$p" || { log "port $p is taken: set WS_PORT, RAW_PORT or JAWAMPA_PORT"; exit 1; }
done

# ---- 1. build ----
if [ "${BUILD_NODE:-0}" = 1 ]; then
    log "building the whole reactor (BUILD_NODE=1)"
    mvn -B -q install -DskipTests
fi
if [ ! -d runtime/lib ] || [ ! -d runtime/system ]; then
    log "runtime/lib is missing: build the node first (mvn -B -q install -DskipTests, or BUILD_NODE=1)"
    exit 1
fi
log "building benchmarks and the jawampa peer"
mvn -B -q -o -pl benchmarks package -DskipTests 2>/dev/null || mvn -B -q -pl benchmarks package -DskipTests
mvn -B -q -o -f benchmarks/jawampa-peer/pom.xml package 2>/dev/null || mvn -B -q -f benchmarks/jawampa-peer/pom.xml package
jar=$root/benchmarks/target/benchmarks.jar
mkdir -p "$work"
rm -f "$work/results.jsonl" "$work/jmh.json"

# ---- 2. microbenchmarks, before anything else runs ----
if [ "${SKIP_JMH:-0}" != 1 ]; then
    if [ "${QUICK:-0}" = 1 ]; then
        jmh_opts=(-f 1 -wi 1 -w 500ms -i 2 -r 1s)
        jmh_sel=('BrokerFanoutBenchmark.publish$' 'DealerDispatchBenchmark' 'SerializerBenchmark')
        jmh_params=(-p registrations=1 -p message=event)
    else
        # 3 s of warm-up per benchmark: on a busy 2-core machine C2 gets little CPU and the router core needs ~10^5 calls to compile
        jmh_opts=(-f 1 -wi 2 -w 1500ms -i 3 -r 1s)
        jmh_sel=('BrokerFanoutBenchmark.publish$' 'DealerDispatchBenchmark' 'SerializerBenchmark' 'UriIndexBenchmark')
        jmh_params=(-p registrations=1)
    fi
    log "JMH: ${jmh_sel[*]}"
    timeout 420 "$java" -jar "$jar" "${jmh_sel[@]}" "${jmh_opts[@]}" "${jmh_params[@]}" -prof gc \
        -rf json -rff "$work/jmh.json" > "$work/jmh.txt" 2>&1 || log "JMH failed or timed out: see $work/jmh.txt"
    jmh_desc="JMH 1.37, ${jmh_opts[*]} -prof gc, on $("$java" -version 2>&1 | head -1)"
else
    jmh_desc="not run"
fi

# ---- the machine's floor for a thread hand-over (every routed message passes a few), before anything else runs ----
wake=$("$java" -cp "$jar" dev.switchboard.bench.LoadGenerator wake 2>/dev/null | sed -E 's/wake_p50_us=([0-9.]+) wake_p99_us=([0-9.]+)/p50 \1 µs, p99 \2 µs/' || true)

# ---- 3. the node: a private copy of runtime/ with the transports and serializers only ----
rm -rf "$node"
mkdir -p "$node/features"
cp -r runtime/bin runtime/lib runtime/system "$node/"
for f in core json msgpack cbor websocket rawsocket; do cp "runtime/features/$f.json" "$node/features/"; done
start_node() { # $1: JDK home for the node ('' for the default java)
    local jh=$1
    log "starting the node${jh:+ on $jh}: $node_flags"
    (cd "$node" && JAVA_HOME="${jh:-${JAVA_HOME:-}}" JAVA_OPTS="$node_flags" \
        SWITCHBOARD_OPTS="-Dswitchboard.websocket.port=$ws_port -Dswitchboard.rawsocket.port=$raw_port" \
        exec bin/switchboard start > "$work/node.out" 2>&1) &
    node_pid=$!
    for _ in $(seq 1 600); do
        grep -q "started in" "$work/node.out" 2>/dev/null && break
        kill -0 "$node_pid" 2>/dev/null || { log "the node did not start: $(tail -5 "$work/node.out")"; exit 1; }
        sleep 0.1
    done
    grep -q "started in" "$work/node.out" || { log "the node did not start within 60 s"; exit 1; }
    log "node pid $node_pid: $(grep 'started in' "$work/node.out" | sed 's/.*Launcher - //')"
}
node_java=${NODE_JAVA_HOME:+$NODE_JAVA_HOME/bin/}java
start_node "${NODE_JAVA_HOME:-}"

# ---- environment, for the report ----
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' + local changes')"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "cores=$(nproc)"
    echo "memory=$(free -g | awk '/Mem:/{print $2}') GiB"
    echo "kernel=$(uname -sr)"
    echo "node_java=$("$node_java" -version 2>&1 | head -2 | tail -1)"
    echo "node_flags=$node_flags"
    echo "jawampa_java=$("$node_java" -version 2>&1 | head -2 | tail -1)"
    echo "jawampa_flags=$peer_flags"
    echo "loadgen_flags=$loadgen_flags, 1 I/O thread"
    echo "jmh_flags=$jmh_desc"
    echo "wake=${wake:-not measured} (two threads, the waiter parked ~50 µs between hand-overs; LoadGenerator wake)"
    echo "reps=$reps"
} > "$work/env.properties"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 4. the suite ----
suite_opts=(--ws "ws://127.0.0.1:$ws_port/ws" --ws-unix "ws+unix:$node/run/ws.sock"
    --raw "rawsocket://127.0.0.1:$raw_port" --raw-unix "rawsocket+unix:$node/run/rawsocket.sock"
    --out "$work/results.jsonl")
main_opts=(--router-pid "$node_pid" --reps "$reps")
[ "${QUICK:-0}" = 1 ] && main_opts+=(--quick)
[ -n "${ONLY:-}" ] && main_opts+=(--only "$ONLY")
[ "${NO_PEER:-0}" = 1 ] || main_opts+=(--jawampa-jar "$root/benchmarks/jawampa-peer/target/jawampa-peer.jar"
    --jawampa-port "$jawampa_port" --jawampa-jvm "$peer_flags" --jawampa-java "$node_java")
log "load generator suite ($reps repetitions)"
# shellcheck disable=SC2086
timeout 960 "$java" $loadgen_flags -cp "$jar" dev.switchboard.bench.LoadGenerator suite "${suite_opts[@]}" \
    "${main_opts[@]}" | tee "$work/suite.txt" || log "the suite stopped early (timeout or failure): the report shows what ran"
cleanup
node_pid=

# ---- 4b. the same node on a second JDK (Java 25 when installed): the key RPC cases, no peer ----
second=${SECOND_JAVA_HOME-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "$second" ] && [ -x "$second/bin/java" ] && [ "${QUICK:-0}" != 1 ] && [ -z "${ONLY:-}" ]; then
    start_node "$second"
    second_name="switchboard on $("$second/bin/java" -version 2>&1 | head -1 | sed -E 's/.*version "([^"]+)".*/Java \1/')"
    # shellcheck disable=SC2086
    timeout 240 "$java" $loadgen_flags -cp "$jar" dev.switchboard.bench.LoadGenerator suite "${suite_opts[@]}" \
        --router-pid "$node_pid" --reps 2 --switchboard-name "$second_name" \
        --only 'rpc-max/ws-tcp/json|rpc-max/rawsocket-unix/msgpack|rpc-seq/.*' | tee -a "$work/suite.txt" \
        || log "the second-JDK pass stopped early"
    echo "second_java=$("$second/bin/java" -version 2>&1 | head -2 | tail -1)" >> "$work/env.properties"
    cleanup
    node_pid=
fi

# ---- 5. report ----
elapsed=$(( $(date +%s) - start_time ))
{
    echo "load=$load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "elapsed=$((elapsed / 60)) min $((elapsed % 60)) s"
} >> "$work/env.properties"
"$java" -cp "$jar" dev.switchboard.bench.LoadGenerator report --results "$work/results.jsonl" \
    --jmh "$work/jmh.json" --env "$work/env.properties" --out "$out"
log "done in $((elapsed / 60)) min $((elapsed % 60)) s: $out (raw results in $work)"
