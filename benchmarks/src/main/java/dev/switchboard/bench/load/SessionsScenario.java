package dev.switchboard.bench.load;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Yield;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * K sessions join, at most {@code concurrency} handshakes in flight: time to join all of them and per-session
 * connect-to-WELCOME latency; then they stay: {@code settleSecs} ({@link #SETTLE_SECS} unless told) to settle, then
 * the measurement window while the router's RSS is sampled (the peak since the first connect is kept apart), and its
 * heap is read after a full GC ({@code jcmd}). With {@code callsPerSec} above 0 every session is active: it calls
 * {@code bench.echo} (one extra callee) that often during the hold.
 */
final class SessionsScenario extends Scenario {
    /**
     * Before the held figures are sampled: a burst of joins makes the JIT compile the join path and G1 grow the heap,
     * and glibc returns the compiler's freed arenas only at its next trims (every 2 s with the recommended flags);
     * the RSS of a router that holds the sessions is what it settles at, the burst's peak is reported apart.
     */
    static final double SETTLE_SECS = 10;
    private final int count;
    private final double settleSecs;
    private final int concurrency;
    private final double callsPerSec;
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger activeCalls = new AtomicInteger();

    SessionsScenario(Settings settings, int count, int concurrency, double callsPerSec, double settleSecs) {
        super(settings);
        this.count = count;
        this.settleSecs = settleSecs;
        this.concurrency = concurrency;
        this.callsPerSec = callsPerSec;
    }

    @Override
    RunResult execute() {
        long pid = settings.routerPid();
        double[] heapBefore = pid > 0 ? ProcSampler.heapAfterGc(pid) : new double[] {Double.NaN, Double.NaN};
        // after the full collection, once G1 has given back what it no longer uses (it does so in the background):
        // what the router holds before the sessions come, not what the case before this one left committed
        double rssBefore = pid > 0 ? ProcSampler.settledRssKb(pid) / 1024.0 : Double.NaN;
        Echo echo = null;
        if (callsPerSec > 0) {
            echo = new Echo(loop(0));
            Echo e = echo;
            e.loop.execute(e::start);
            await("the callee to register", 15, () -> e.registered || e.isClosed());
        }
        // Each loop opens its share, keeping its share of the concurrency in flight.
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(new Member(loop(i)));
        }
        // the highest RSS from the first connect to the end of the hold (the held figure is the settled one)
        ProcSampler sinceJoining = pid > 0 ? new ProcSampler(pid) : null;
        if (sinceJoining != null) {
            sinceJoining.start();
        }
        double joinSeconds;
        LoopStats joins;
        try {
            long start = System.nanoTime();
            for (int l = 0; l < loops.size(); l++) {
                List<Member> mine = new ArrayList<>();
                for (int i = l; i < count; i += loops.size()) {
                    mine.add(members.get(i));
                }
                Opener opener = new Opener(mine, Math.max(1, concurrency / loops.size()));
                loops.get(l).execute(opener::next);
            }
            recording = true;
            await(count + " sessions to join", 600, () -> joined.get() + failed.get() >= count);
            joinSeconds = (System.nanoTime() - start) / 1e9;
            recording = false;
            joins = merged();
            if (callsPerSec > 0) {
                for (Member m : members) {
                    m.loop.execute(m::startCalling);
                }
            }
            measure(Math.max(settings.warmupSecs(), settleSecs)); // the hold: settling, then the window
        } finally {
            if (sinceJoining != null) {
                sinceJoining.stop(); // also when joining fails: no sampler left running for the rest of the suite
            }
        }
        double rssHeld = pid > 0 ? ProcSampler.rssKb(pid) / 1024.0 : Double.NaN;
        double[] heapHeld = pid > 0 ? ProcSampler.heapAfterGc(pid) : new double[] {Double.NaN, Double.NaN};
        long threadsHeld = pid > 0 ? ProcSampler.threads(pid) : 0;
        LoopStats after = merged(); // before tear-down: a call cut short by leaving is not an error of the router
        for (Member m : members) {
            m.loop.execute(() -> m.calling = false);
        }
        ProcSampler.sleep(callsPerSec > 0 ? 500 : 0);
        leaveAll(members);
        if (echo != null) {
            leaveAll(List.of(echo));
        }
        // the router frees the sessions on its actor (meta events, a log line each): give it time before reading
        ProcSampler.sleep(3000 + count / 2);
        // what the router keeps once every session has left (pools, caches, or a leak)
        double[] heapAfter = pid > 0 ? ProcSampler.heapAfterGc(pid) : new double[] {Double.NaN, Double.NaN};

        RunResult r = RunResult.of(settings, "sessions", "sessions=" + count + " concurrency=" + concurrency
                + (callsPerSec > 0 ? " calls=" + callsPerSec + "/s/session" : " idle"));
        r.put("sessions_joined", joined.get());
        r.put("join_all_s", joinSeconds);
        r.put("joins_per_s", joined.get() / joinSeconds);
        putLatency(r, "join_", joins.latency);
        r.put("router_rss_before_mb", rssBefore);
        r.put("router_rss_mb", rssHeld);
        if (sinceJoining != null) {
            r.put("router_rss_peak_mb", sinceJoining.peakRssMb());
        }
        r.put("router_heap_before_mb", heapBefore[0]);
        r.put("router_heap_used_mb", heapHeld[0]);
        r.put("router_heap_committed_mb", heapHeld[1]);
        r.put("router_heap_after_leave_mb", heapAfter[0]);
        r.put("router_threads", threadsHeld);
        if (joined.get() > 0 && !Double.isNaN(heapHeld[0])) {
            r.put("heap_kb_per_session", (heapHeld[0] - heapBefore[0]) * 1024 / joined.get());
        }
        if (callsPerSec > 0) {
            r.put("active_calls_per_s", activeCalls.get() / windowSeconds());
        }
        putProcessFigures(r);
        return r.withErrors(joins.errors + after.errors + failed.get(),
                after.lastError != null ? after.lastError : joins.lastError);
    }

    /** Opens the next session whenever one of the loop's handshakes completes. */
    private final class Opener {
        private final List<Member> pending;
        private final int inFlightMax;
        private int nextIndex;
        private int inFlight;

        Opener(List<Member> pending, int inFlightMax) {
            this.pending = pending;
            this.inFlightMax = inFlightMax;
        }

        void next() {
            while (inFlight < inFlightMax && nextIndex < pending.size()) {
                Member m = pending.get(nextIndex++);
                m.opener = this;
                m.connectStart = System.nanoTime();
                inFlight++;
                m.start();
            }
        }

        void done() {
            inFlight--;
            next();
        }
    }

    private final class Member extends WampClient {
        Opener opener;
        long connectStart;
        volatile boolean calling;
        private boolean counted;

        Member(IoLoop loop) {
            super(loop, settings.endpoint(), settings.serializer(), settings.realm());
        }

        @Override
        void onJoined(long helloToWelcome) {
            if (recording) {
                loop.stats.latency.recordValue(System.nanoTime() - connectStart);
            }
            joined.incrementAndGet();
            counted = true;
            opener.done();
        }

        @Override
        void onLost(String why) {
            super.onLost(why);
            if (!counted) {
                counted = true;
                failed.incrementAndGet();
                opener.done();
            }
        }

        void startCalling() {
            calling = true;
            long interval = (long) (1e9 / callsPerSec);
            long first = System.nanoTime() + (long) (Math.random() * interval);
            loop.schedule(first, () -> callEvery(interval));
        }

        private void callEvery(long interval) {
            if (!calling || isClosed()) {
                return;
            }
            send(new Call(nextRequest(), Map.of(), RpcScenario.PROCEDURE, List.of(System.nanoTime()), null));
            loop.schedule(System.nanoTime() + interval, () -> callEvery(interval));
        }

        @Override
        void onMessage(Message m) {
            if (m instanceof Result && recording) {
                activeCalls.incrementAndGet();
            }
        }
    }

    private final class Echo extends WampClient {
        volatile boolean registered;

        Echo(IoLoop loop) {
            super(loop, settings.endpoint(), settings.serializer(), settings.realm());
        }

        @Override
        void onJoined(long nanos) {
            send(new Register(nextRequest(), Map.of(), RpcScenario.PROCEDURE));
        }

        @Override
        void onMessage(Message m) {
            if (m instanceof Invocation inv) {
                send(new Yield(inv.request(), Map.of(), inv.args(), null));
            } else if (m instanceof Registered) {
                registered = true;
            }
        }
    }

}
