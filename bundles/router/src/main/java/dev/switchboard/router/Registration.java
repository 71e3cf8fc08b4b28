package dev.switchboard.router;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A procedure registration: one callee, or several sharing it under an invocation policy (WAMP spec, advanced:
 * shared registration). Actor-confined.
 */
final class Registration {
    static final List<String> POLICIES = List.of("single", "roundrobin", "random", "first", "last");

    /** A callee attached to the registration, with its REGISTER options that matter per call. */
    record Callee(Session session, boolean discloseCaller) {}

    final long id;
    final String procedure;
    final Match match;
    final String invoke;
    final Instant created = Instant.now();
    final List<Callee> callees = new ArrayList<>(1);
    private int nextRoundRobin;

    Registration(long id, String procedure, Match match, String invoke) {
        this.id = id;
        this.procedure = procedure;
        this.match = match;
        this.invoke = invoke;
    }

    boolean hasCallee(Session s) {
        return callees.stream().anyMatch(c -> c.session() == s);
    }

    void removeCallee(Session s) {
        callees.removeIf(c -> c.session() == s);
    }

    /** The callee that gets the next call, per the invocation policy. */
    Callee pick() {
        return switch (invoke) {
            case "roundrobin" -> callees.get(nextRoundRobin++ % callees.size());
            case "random" -> callees.get(ThreadLocalRandom.current().nextInt(callees.size()));
            case "last" -> callees.get(callees.size() - 1);
            default -> callees.get(0); // single, first
        };
    }

    /** As the registration meta API describes it. */
    Map<String, Object> metaDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("created", created.toString());
        d.put("uri", procedure);
        d.put("match", match.wireName());
        d.put("invoke", invoke);
        return d;
    }

    @Override
    public String toString() {
        return "Registration[" + id + ", " + procedure + ", " + match + ", " + invoke + ", callees=" + callees.size() + "]";
    }
}
