package dev.switchboard.router;

import dev.switchboard.serializer.fuzz.FuzzRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the session state machine: several clients send random message sequences (every message type, valid and
 * invalid orders and ids, HELLO, authentication rounds, GOODBYE, ABORT, RPC, PubSub, the meta API, lost connections
 * and undecodable frames) to one router. Whatever they do, the router must not throw out of
 * {@code receive}/{@code protocolViolation}/{@code closed} nor log a crash, must not write to a connection it
 * closed, and once every connection is gone must hold no session, registration, subscription, pending call or
 * session id, and still route a call between new clients. See {@link FuzzRunner} for longer runs.
 */
class SessionFuzzTest {

    @Test
    void randomClientsLeaveTheRouterConsistent() {
        try (LogCapture log = new LogCapture()) {
            FuzzRunner.of("router sessions", 1_500, 3).run(SessionFuzzTest::scenario, s -> check(s, log),
                    SessionFuzzTest::shrink, SessionFuzzTest::describe);
        }
    }

    /** A few connection slots, up to 150 steps among them, and how often clients break the protocol on purpose. */
    record Scenario(int slots, int chaos, List<FuzzWorld.Step> steps) {}

    static Scenario scenario(SplittableRandom r) {
        int slots = r.nextInt(2, 6);
        int chaos = List.of(1, 3, 8, 20, 50).get(r.nextInt(5));
        int length = r.nextBoolean() ? r.nextInt(40, 151) : r.nextInt(1, 40);
        List<FuzzWorld.Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            steps.add(new FuzzWorld.Step(r.nextInt(slots), r.nextLong()));
        }
        return new Scenario(slots, chaos, steps);
    }

    static void check(Scenario s, LogCapture log) {
        log.takeProblems();
        try (FuzzWorld world = new FuzzWorld(s.slots(), s.chaos())) {
            s.steps().forEach(world::step);
            world.finish();
        }
        List<String> problems = log.takeProblems();
        if (!problems.isEmpty()) {
            throw new AssertionError("the router logged a failure:\n" + String.join("\n", problems));
        }
    }

    /** Fewer steps: halves first, then single steps. */
    static Stream<Scenario> shrink(Scenario s) {
        int n = s.steps().size();
        return IntStream.iterate(Math.max(1, n / 2), chunk -> chunk >= 1, chunk -> chunk / 2).boxed()
                .flatMap(chunk -> IntStream.iterate(0, at -> at < n, at -> at + chunk).mapToObj(at -> {
                    List<FuzzWorld.Step> fewer = new ArrayList<>(s.steps().subList(0, at));
                    fewer.addAll(s.steps().subList(Math.min(n, at + chunk), n));
                    return new Scenario(s.slots(), s.chaos(), fewer);
                }));
    }

    /** The scenario replayed, with what each client sent and what the router answered. */
    static String describe(Scenario s) {
        FuzzWorld world = new FuzzWorld(s.slots(), s.chaos());
        try {
            s.steps().forEach(world::step);
            world.finish();
        } catch (RuntimeException | AssertionError e) {
            world.trace.add("!! " + e);
        } finally {
            try {
                world.close();
            } catch (RuntimeException e) {
                world.trace.add("!! closing: " + e);
            }
        }
        return s.steps().size() + " steps, " + s.slots() + " slots, chaos " + s.chaos() + "% " + s.steps() + "\n  "
                + String.join("\n  ", world.trace);
    }
}
