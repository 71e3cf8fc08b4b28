package dev.switchboard.bench.load;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Yield;
import dev.switchboard.bench.Payloads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routed RPC: {@code callees} sessions register {@code bench.echo} (shared, round robin, when more than one) and
 * echo what they get; {@code callers} sessions keep {@code window} calls outstanding each (closed loop), or issue
 * {@code rate} calls per second in total (open loop: a call that is due but cannot go out because the window is full
 * waits in a backlog, and its latency counts from when it was due, so a router that falls behind cannot hide it: no
 * coordinated omission; "due" is the timer tick that found it due, so this generator's own millisecond timer
 * granularity is not charged to the router). Sequential round trips are callers=1, window=1.
 */
final class RpcScenario extends Scenario {
    static final String PROCEDURE = "bench.echo";

    private final int callers;
    private final int window;
    private final int callees;
    private final double rate;
    private final List<Object> args;
    private final List<WampClient> clients = new ArrayList<>();

    RpcScenario(Settings settings, int callers, int window, int callees, double rate) {
        super(settings);
        this.callers = callers;
        this.window = window;
        this.callees = callees;
        this.rate = rate;
        this.args = Payloads.args(Math.max(0, settings.payloadBytes() - 20));
    }

    @Override
    RunResult execute() {
        List<Callee> calleeList = new ArrayList<>();
        for (int i = 0; i < callees; i++) {
            Callee c = new Callee(loop(i));
            calleeList.add(c);
            clients.add(c);
            c.loop.execute(c::start);
        }
        await("callees to register " + PROCEDURE, 15,
                () -> calleeList.stream().allMatch(c -> c.registered || c.isClosed()));
        requireOpen(calleeList);
        List<Caller> callerList = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Caller c = new Caller(loop(callees + i), i);
            callerList.add(c);
            clients.add(c);
            c.loop.execute(c::start);
        }
        await("callers to join", 30, () -> callerList.stream().allMatch(c -> c.isJoined() || c.isClosed()));
        requireOpen(callerList);
        for (Caller c : callerList) {
            c.loop.execute(c::go);
        }
        measure();
        LoopStats stats = merged();
        for (Caller c : callerList) {
            c.loop.execute(() -> c.running = false);
        }
        ProcSampler.sleep(200); // let outstanding calls come back before GOODBYE
        leaveAll(clients);

        RunResult r = RunResult.of(settings, "rpc",
                "callers=" + callers + " window=" + window + " callees=" + callees
                        + (rate > 0 ? " rate=" + (long) rate + "/s" : ""));
        r.put("calls_per_s", stats.completed / windowSeconds());
        putLatency(r, "", stats.latency);
        putProcessFigures(r);
        return r.withErrors(stats.errors, stats.lastError);
    }

    private static void requireOpen(List<? extends WampClient> clients) {
        for (WampClient c : clients) {
            if (c.isClosed()) {
                throw new IllegalStateException("a session could not join: " + c.loop.stats.lastError);
            }
        }
    }

    /** Registers the procedure and answers every INVOCATION with its arguments. */
    private final class Callee extends WampClient {
        volatile boolean registered;

        Callee(IoLoop loop) {
            super(loop, settings.endpoint(), settings.serializer(), settings.realm());
        }

        @Override
        void onJoined(long nanos) {
            Map<String, Object> options = callees > 1 ? Map.of("invoke", "roundrobin") : Map.of();
            send(new Register(nextRequest(), options, PROCEDURE));
        }

        @Override
        void onMessage(Message m) {
            if (m instanceof Invocation inv) {
                send(new Yield(inv.request(), Map.of(), inv.args(), inv.kwargs()));
            } else if (m instanceof Registered) {
                registered = true;
            } else if (m instanceof Error) {
                abort();
            }
        }
    }

    /** Keeps up to {@code window} calls outstanding, or paces them at its share of {@code rate}. */
    private final class Caller extends WampClient {
        private final long[] ringIds;
        private final long[] ringTimes;
        private final int mask;
        private final Map<Long, Long> overflow = new HashMap<>();
        private final ArrayDeque<Long> backlog = new ArrayDeque<>();
        private final long intervalNanos;
        private long nextIntended;
        private int outstanding;
        volatile boolean running = true;

        Caller(IoLoop loop, int index) {
            super(loop, settings.endpoint(), settings.serializer(), settings.realm());
            int size = Integer.highestOneBit(Math.max(1, window) * 4 - 1) << 1;
            ringIds = new long[size];
            ringTimes = new long[size];
            mask = size - 1;
            intervalNanos = rate > 0 ? (long) (1e9 * callers / rate) : 0;
            // spread the callers' first calls over one interval so they do not fire in step
            nextIntended = System.nanoTime() + (intervalNanos * index) / Math.max(1, callers);
        }

        @Override
        void onJoined(long nanos) {
            // waits for go()
        }

        void go() {
            if (intervalNanos > 0) {
                tick();
            } else {
                while (running && outstanding < window) {
                    call(System.nanoTime());
                }
            }
        }

        /** Open loop: every interval one more call is due; they go out as the window allows. */
        private void tick() {
            if (!running || isClosed()) {
                return;
            }
            long now = System.nanoTime();
            while (nextIntended - now <= 0) {
                backlog.add(now);
                nextIntended += intervalNanos;
            }
            drainBacklog();
            loop.schedule(nextIntended, this::tick);
        }

        private void drainBacklog() {
            while (running && outstanding < window && !backlog.isEmpty()) {
                call(backlog.poll());
            }
        }

        private void call(long intendedStart) {
            long request = nextRequest();
            int slot = (int) request & mask;
            if (ringIds[slot] != 0) {
                overflow.put(request, intendedStart); // a long-outstanding call still holds the slot
            } else {
                ringIds[slot] = request;
                ringTimes[slot] = intendedStart;
            }
            outstanding++;
            send(new Call(request, Map.of(), PROCEDURE, args, null));
        }

        private long started(long request) {
            int slot = (int) request & mask;
            if (ringIds[slot] == request) {
                ringIds[slot] = 0;
                return ringTimes[slot];
            }
            Long t = overflow.remove(request);
            return t == null ? 0 : t;
        }

        @Override
        void onMessage(Message m) {
            if (m instanceof Result res) {
                long start = started(res.request());
                outstanding--;
                if (recording && start != 0) {
                    loop.stats.latency.recordValue(Math.max(0, System.nanoTime() - start));
                    loop.stats.completed++;
                }
            } else if (m instanceof Error e) {
                started(e.request());
                outstanding--;
            }
            if (intervalNanos > 0) {
                drainBacklog();
            } else {
                go();
            }
        }
    }
}
