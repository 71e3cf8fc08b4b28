package dev.switchboard.router;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Challenge;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Interrupt;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Unregister;
import dev.switchboard.api.message.Unregistered;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.Ids;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Messages a fuzzed client sends: every type (router-to-client ones included), valid and invalid orders, ids the
 * router handed out and ids it never did, options of the right and the wrong types, URIs valid, invalid and
 * reserved, the meta API's procedures, and right and wrong answers to authentication challenges. Messages have the
 * shapes a serializer delivers (strings and dicts where the message model requires them), since a decoder refuses
 * anything else before the router sees it.
 */
final class FuzzClientMessages {

    static final List<String> REALMS = List.of("realm1", "realm1", "realm1", "realm1", "app", "app", "strict", "hist",
            "small", "nowhere");
    static final List<String> PROCEDURES = List.of("com.example.a", "com.example.a", "com.example.a", "com.example.a",
            "com.example.b", "com.example.b", "com.example",
            "com.example.a.b", "com..b", "", "com.example.", "Com.Example.A", "com example", "com.example.authenticate",
            "com.example.authenticate", "com.example.authorize", "com.example.authorize", "é.ü", "x".repeat(300),
            "wamp.session.count", "wamp.session.list", "wamp.session.get", "wamp.session.kill",
            "wamp.session.kill_by_authid", "wamp.session.kill_by_authrole", "wamp.session.kill_all",
            "wamp.session.add_testament", "wamp.session.add_testament", "wamp.session.flush_testaments",
            "wamp.registration.list", "wamp.registration.lookup", "wamp.registration.match", "wamp.registration.get",
            "wamp.registration.list_callees", "wamp.registration.count_callees", "wamp.subscription.list",
            "wamp.subscription.lookup", "wamp.subscription.match", "wamp.subscription.get",
            "wamp.subscription.list_subscribers", "wamp.subscription.count_subscribers",
            "wamp.subscription.get_events", "wamp.subscription.get_events", "wamp.nope");
    static final List<String> TOPICS = List.of("com.example.a", "com.example.a", "com.example.a", "com.example.b",
            "com.example.b", "com.example",
            "com.example.hist", "com..a", "", "com.example.", "wamp.session.on_join", "wamp.session.on_leave",
            "wamp.registration.on_create", "wamp.registration.on_unregister", "wamp.subscription.on_subscribe",
            "wamp.subscription.on_delete", "wamp.x", "a b", "com.example.a.b");
    /** The URIs most requests use, so that registrations and calls, subscriptions and publications meet. */
    static final List<String> CORE_PROCEDURES = List.of("com.example.a", "com.example.a", "com.example.b",
            "com.example.authenticate", "com.example.authorize");
    static final List<String> CORE_TOPICS = List.of("com.example.a", "com.example.a", "com.example.b",
            "com.example.hist", "wamp.session.on_join");
    static final List<String> AUTHIDS = List.of("joe", "carl", "sally", "alice", "ghost", "");

    /** The salted WAMP-CRA user's derived key, and the keys a client uses to answer a wampcra challenge. */
    static final String SALTED_KEY = Secrets.deriveKey("password", "salt123", 100, 16);
    static final Map<String, String> CRA_KEYS = Map.of("carl", "s3cret", "sally", SALTED_KEY);
    /** The cryptosign principal's key pair; random per JVM, which changes no decision the router makes. */
    static final KeyPair KEYS = keyPair();
    static final String PUBKEY = publicKeyHex(KEYS);

    /** What an authenticator or authorizer procedure may answer, right and wrong. */
    static final List<List<Object>> AUTH_ANSWERS = List.of(List.of("user"), List.of("guest"), List.of("nosuchrole"),
            List.of(Map.of("role", "user", "authid", "dynjoe")), List.of(Map.of("role", "user", "secret", "s3cret")),
            List.of(Map.of("role", "dynamic", "pubkey", PUBKEY)), List.of(Map.of("role", 5)), List.of(Map.of()),
            List.of(5), List.of(true), List.of(false), List.of(Map.of("allow", true, "disclose", true)),
            List.of(Map.of("allow", "yes")), List.of(), Arrays.asList((Object) null),
            List.of(Map.of("role", "user", "extra", "notadict", "authid", 7)));

    private FuzzClientMessages() {}

    /** Ids and names the clients have seen, so that messages can refer to what exists. */
    static final class Seen {
        final List<Long> sessions = new ArrayList<>();
        final List<Long> registrations = new ArrayList<>();
        final List<Long> subscriptions = new ArrayList<>();
        final List<Long> publications = new ArrayList<>();
    }

    /** What one connection knows of itself. */
    static final class Known {
        /** The auth policy of the listener, null for anonymous only. */
        String auth;
        boolean saidHello;
        boolean joined;
        String authid;
        Challenge challenge;
        long lastRequest;
        final List<Long> invocations = new ArrayList<>();
        /** Request ids of this client's CALLs that have not been answered yet. */
        final List<Long> calls = new ArrayList<>();
    }

    /**
     * The next message of a client that mostly follows the protocol: HELLO and the authentication round until it
     * has joined, then requests with fresh request ids and answers to its invocations. With probability
     * {@code chaos} percent it does something else instead (see {@link #chaotic}), so that sessions live long
     * enough to reach deep states, and scenarios with a high chaos level cover the protocol violations.
     */
    static Message next(SplittableRandom r, Seen seen, Known me, int chaos) {
        if (r.nextInt(100) < chaos) {
            return chaotic(r, seen, me);
        }
        if (!me.joined) {
            return me.challenge != null ? authenticate(r, me) : hello(r, me);
        }
        if (!me.invocations.isEmpty() && r.nextInt(10) < 5) {
            return answerInvocation(r, me);
        }
        int pick = r.nextInt(100);
        if (pick < 14) return new Subscribe(++me.lastRequest, subscribeOptions(r), topic(r));
        if (pick < 20) return new Unsubscribe(++me.lastRequest, known(r, seen.subscriptions));
        if (pick < 36) return new Publish(++me.lastRequest, publishOptions(r, seen), topic(r), args(r, seen),
                kwargs(r, seen));
        if (pick < 50) return new Register(++me.lastRequest, registerOptions(r), procedure(r));
        if (pick < 55) return new Unregister(++me.lastRequest, known(r, seen.registrations));
        if (pick < 88) return call(r, seen, me, ++me.lastRequest);
        if (pick < 96) return new Cancel(me.calls.isEmpty() ? 1 : pickLong(r, me.calls), cancelOptions(r));
        return new Goodbye(Map.of(), "wamp.close.close_realm");
    }

    /** Out of order, out of place, or with ids and types the router must refuse. */
    private static Message chaotic(SplittableRandom r, Seen seen, Known me) {
        int pick = r.nextInt(100);
        if (pick < 10) return hello(r, me);
        if (pick < 18) return authenticate(r, me);
        if (pick < 24) return new Goodbye(dict(r, "message", "bye"), r.nextBoolean() ? "wamp.close.close_realm" : "x y");
        if (pick < 28) return new Abort(dict(r, "message", "gone"), "wamp.close.system_shutdown", args(r, seen), null);
        if (pick < 38) return call(r, seen, me, me.calls.isEmpty() ? request(r) : pickLong(r, me.calls));
        if (pick < 48) return answerInvocation(r, me);
        if (pick < 56) return new Error(r.nextInt(3) == 0 ? pickType(r) : Invocation.TYPE, invocationId(r, me),
                Map.of(), r.nextBoolean() ? "com.example.error" : "wamp.error.canceled", args(r, seen), kwargs(r, seen));
        if (pick < 62) return new Cancel(request(r), cancelOptions(r));
        if (pick < 68) return new Subscribe(request(r), subscribeOptions(r), pick(r, TOPICS));
        if (pick < 74) return new Register(request(r), registerOptions(r), pick(r, PROCEDURES));
        if (pick < 80) return new Publish(request(r), publishOptions(r, seen), pick(r, TOPICS), args(r, seen), null);
        return routerOnly(r, seen);
    }

    private static Hello hello(SplittableRandom r, Known me) {
        me.saidHello = true;
        Map<String, Object> details = new LinkedHashMap<>();
        int roles = r.nextInt(20);
        details.put("roles", roles < 14 ? Harness.ALL_ROLES.get("roles") : roles < 17 ? advancedRoles()
                : roles == 17 ? Map.of() : roles == 18 ? "callee" : Map.of("caller", Map.of()));
        switch (r.nextInt(me.auth == null ? 24 : 10)) {
            case 0 -> details.put("authmethods", List.of("anonymous"));
            case 1, 2 -> details.put("authmethods", List.of("ticket"));
            case 3, 4 -> details.put("authmethods", List.of("wampcra"));
            case 5, 6 -> details.put("authmethods", List.of("cryptosign"));
            case 7 -> details.put("authmethods", pick(r, List.<Object>of(List.of("ticket", "anonymous"),
                    List.of("kerberos"), "ticket", List.of(5), List.of())));
            default -> { } // none: anonymous
        }
        if (r.nextInt(3) > 0) {
            Object authid = r.nextInt(10) == 0 ? (Object) 5 : pick(r, AUTHIDS);
            details.put("authid", authid);
            me.authid = authid instanceof String s ? s : null;
        }
        if (r.nextInt(3) == 0) {
            details.put("authextra", pick(r, List.<Object>of(Map.of("pubkey", PUBKEY), Map.of("pubkey", PUBKEY),
                    Map.of("pubkey", "zz"), Map.of("pubkey", 5), "notadict")));
        }
        return new Hello(pick(r, REALMS), details);
    }

    private static Map<String, Object> advancedRoles() {
        Map<String, Object> features = Map.of("features", Map.of("progressive_call_results", true,
                "call_canceling", true, "call_timeout", true, "caller_identification", true,
                "pattern_based_registration", true, "shared_registration", true));
        return Map.of("caller", features, "callee", features, "publisher", Map.of(), "subscriber", Map.of());
    }

    /** Right answers where the challenge allows one (ticket, wampcra, cryptosign), wrong ones otherwise. */
    private static Authenticate authenticate(SplittableRandom r, Known me) {
        Challenge c = me.challenge;
        me.challenge = null;
        String signature = "wrong";
        if (c != null && r.nextInt(4) > 0) {
            signature = switch (c.authMethod()) {
                case "ticket" -> r.nextBoolean() ? "secret" : "opensesame";
                case "wampcra" -> c.extra().get("challenge") instanceof String text
                        ? Secrets.hmacSha256Base64(me.authid == null ? "s3cret" : CRA_KEYS.getOrDefault(me.authid, "s3cret"),
                                text) : "nochallenge";
                case "cryptosign" -> c.extra().get("challenge") instanceof String hex ? signed(hex) : "nochallenge";
                default -> "unknown method";
            };
        } else if (r.nextBoolean()) {
            signature = pick(r, List.of("", "zz", "00".repeat(96), "secret"));
        }
        return new Authenticate(signature, r.nextInt(5) == 0 ? Map.of("x", 1) : Map.of());
    }

    private static String procedure(SplittableRandom r) {
        return r.nextInt(10) < 6 ? pick(r, CORE_PROCEDURES) : pick(r, PROCEDURES);
    }

    private static String topic(SplittableRandom r) {
        return r.nextInt(10) < 6 ? pick(r, CORE_TOPICS) : pick(r, TOPICS);
    }

    private static Message call(SplittableRandom r, Seen seen, Known me, long request) {
        me.calls.add(request);
        String procedure = procedure(r);
        List<Object> args = procedure.startsWith("wamp.") ? metaArgs(r, seen) : args(r, seen);
        Map<String, Object> kwargs = procedure.startsWith("wamp.") ? metaKwargs(r, seen) : kwargs(r, seen);
        return new Call(request, callOptions(r), procedure, args, kwargs);
    }

    private static Message answerInvocation(SplittableRandom r, Known me) {
        long id = invocationId(r, me);
        if (r.nextInt(6) == 0) {
            return new Error(Invocation.TYPE, id, Map.of(), pick(r, List.of("wamp.error.not_authorized",
                    "com.example.failed", "wamp.error.canceled")), null, null);
        }
        boolean progress = r.nextInt(5) == 0;
        if (!progress) {
            me.invocations.remove(id);
        }
        List<Object> args = r.nextBoolean() ? pick(r, AUTH_ANSWERS) : r.nextBoolean() ? null : List.of(r.nextInt(100));
        Map<String, Object> options = progress ? Map.of("progress", true) : r.nextInt(8) == 0
                ? Map.of("progress", "yes") : Map.of();
        return new Yield(id, options, args, null);
    }

    private static long invocationId(SplittableRandom r, Known me) {
        return !me.invocations.isEmpty() && r.nextInt(5) > 0 ? pickLong(r, me.invocations) : request(r);
    }

    /** A message only routers send. */
    private static Message routerOnly(SplittableRandom r, Seen seen) {
        long id = known(r, seen.sessions);
        return switch (r.nextInt(11)) {
            case 0 -> new Welcome(id, Map.of());
            case 1 -> new Challenge("ticket", Map.of());
            case 2 -> new Event(known(r, seen.subscriptions), id, Map.of(), args(r, seen), null);
            case 3 -> new Result(request(r), Map.of(), args(r, seen), null);
            case 4 -> new Invocation(request(r), known(r, seen.registrations), Map.of(), null, null);
            case 5 -> new Interrupt(request(r), Map.of());
            case 6 -> new Registered(request(r), known(r, seen.registrations));
            case 7 -> new Subscribed(request(r), known(r, seen.subscriptions));
            case 8 -> new Published(request(r), known(r, seen.publications));
            case 9 -> new Unregistered(request(r), r.nextBoolean() ? null : Map.of("reason", "x"));
            default -> new Unsubscribed(r.nextBoolean() ? 0 : request(r), null);
        };
    }

    private static int pickType(SplittableRandom r) {
        return pick(r, List.of(Call.TYPE, Register.TYPE, Subscribe.TYPE, Publish.TYPE, 0, 255, Error.TYPE));
    }

    // Options: the keys the router reads, with values of the right and of the wrong types.

    private static Map<String, Object> subscribeOptions(SplittableRandom r) {
        Map<String, Object> o = new LinkedHashMap<>();
        maybe(r, o, "match", "exact", "prefix", "wildcard", "wildcard", "prefix", "bogus", 5);
        maybe(r, o, "get_retained", true, false, "yes");
        return o;
    }

    private static Map<String, Object> registerOptions(SplittableRandom r) {
        Map<String, Object> o = new LinkedHashMap<>();
        maybe(r, o, "match", "exact", "prefix", "wildcard", "bogus", 5);
        // "random" is left out: its pick comes from ThreadLocalRandom, which would make replays differ.
        maybe(r, o, "invoke", "single", "roundrobin", "first", "last", "roundrobin", "bogus", 3);
        maybe(r, o, "disclose_caller", true, false, "yes");
        return o;
    }

    private static Map<String, Object> callOptions(SplittableRandom r) {
        Map<String, Object> o = new LinkedHashMap<>();
        // No small positive timeouts: a timer firing during a run would make replays differ.
        maybe(r, o, "timeout", 0, 600_000, -1, "soon", 1.5, Long.MAX_VALUE, 0L);
        maybe(r, o, "receive_progress", true, false, "yes");
        maybe(r, o, "disclose_me", true, false, 1);
        return o;
    }

    private static Map<String, Object> publishOptions(SplittableRandom r, Seen seen) {
        Map<String, Object> o = new LinkedHashMap<>();
        maybe(r, o, "acknowledge", true, true, false, "yes");
        maybe(r, o, "exclude_me", true, false, 0);
        maybe(r, o, "disclose_me", true, false);
        maybe(r, o, "retain", true, false, "always");
        Object someSession = seen.sessions.isEmpty() ? 1L : pickLong(r, seen.sessions);
        for (String key : List.of("exclude", "eligible")) {
            maybe(r, o, key, List.of(someSession), List.of(), "x", List.of(1.5), List.of("a"),
                    Arrays.asList(someSession, null));
        }
        for (String key : List.of("exclude_authid", "eligible_authid", "exclude_authrole", "eligible_authrole")) {
            maybe(r, o, key, List.of("joe"), List.of("anonymous"), List.of(5), "joe", List.of());
        }
        return o;
    }

    private static Map<String, Object> cancelOptions(SplittableRandom r) {
        Map<String, Object> o = new LinkedHashMap<>();
        maybe(r, o, "mode", "skip", "kill", "killnowait", "kill", "bogus", 1);
        return o;
    }

    private static void maybe(SplittableRandom r, Map<String, Object> o, String key, Object... values) {
        if (r.nextInt(3) == 0) {
            o.put(key, values[r.nextInt(values.length)]);
        }
    }

    // Payloads.

    private static List<Object> args(SplittableRandom r, Seen seen) {
        return switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> List.of();
            case 2 -> List.of(r.nextInt(-5, 100), "x");
            case 3 -> Arrays.asList(null, true, 2.5, new byte[] {1, 2}, Map.of("a", List.of(1, 2)));
            case 4 -> List.of(Long.MAX_VALUE, new BigInteger("18446744073709551615"), "é😀", Double.NaN);
            default -> metaArgs(r, seen);
        };
    }

    private static Map<String, Object> kwargs(SplittableRandom r, Seen seen) {
        return r.nextInt(3) == 0 ? null : r.nextBoolean() ? Map.of() : Map.of("k", r.nextInt(10), "nested",
                Map.of("x", List.of()));
    }

    /** Arguments for the meta API: ids of what exists, URIs, options, and wrong types. */
    private static List<Object> metaArgs(SplittableRandom r, Seen seen) {
        int n = r.nextInt(4);
        List<Object> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            args.add(switch (r.nextInt(10)) {
                case 0, 1 -> known(r, seen.sessions);
                case 2 -> known(r, seen.registrations);
                case 3 -> known(r, seen.subscriptions);
                case 4 -> r.nextBoolean() ? pick(r, TOPICS) : pick(r, PROCEDURES);
                case 5 -> Map.of("match", pick(r, List.of("prefix", "wildcard", "exact", "bogus")));
                case 6 -> List.of(pick(r, List.of("anonymous", "user", "guest")));
                case 7 -> pick(r, List.of("anonymous", "user", "joe"));
                case 8 -> List.of(r.nextInt(3));
                default -> r.nextBoolean() ? "x" : 1.5;
            });
        }
        return args;
    }

    private static Map<String, Object> metaKwargs(SplittableRandom r, Seen seen) {
        if (r.nextInt(3) == 0) {
            return null;
        }
        Map<String, Object> k = new LinkedHashMap<>();
        maybe(r, k, "reason", "wamp.close.killed", "com.example.bye", "not a uri", 5);
        maybe(r, k, "message", "bye", 5);
        maybe(r, k, "scope", "destroyed", "detached", "bogus");
        maybe(r, k, "publish_options", Map.of(), Map.of("exclude_me", false), Map.of("exclude", "x"),
                Map.of("eligible_authrole", List.of("user")));
        maybe(r, k, "limit", 1, 3, -1, "x");
        maybe(r, k, "reverse", true, "yes");
        maybe(r, k, "topic", "com.example.hist", 5);
        maybe(r, k, "from_time", "2020-01-01T00:00:00Z", "yesterday");
        maybe(r, k, "after_publication", seen.publications.isEmpty() ? 1L : pickLong(r, seen.publications), "x");
        return k;
    }

    private static Map<String, Object> dict(SplittableRandom r, String key, Object value) {
        return r.nextBoolean() ? Map.of() : Collections.singletonMap(key, value);
    }

    // Ids.

    /** A request id: often small, so that they collide. */
    private static long request(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> Ids.MAX;
            case 1 -> r.nextLong(1, Ids.MAX + 1);
            default -> r.nextInt(1, 6);
        };
    }

    /** An id the router handed out (mostly) or one it never did. */
    private static long known(SplittableRandom r, List<Long> pool) {
        return !pool.isEmpty() && r.nextInt(5) > 0 ? pickLong(r, pool) : r.nextInt(1, 10);
    }

    private static long pickLong(SplittableRandom r, List<Long> pool) {
        return pool.get(r.nextInt(pool.size()));
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    // Cryptosign.

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKeyHex(KeyPair keys) {
        byte[] encoded = keys.getPublic().getEncoded();
        return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** Autobahn's answer: the signature followed by the challenge, hex. */
    private static String signed(String challengeHex) {
        try {
            byte[] nonce = HexFormat.of().parseHex(challengeHex);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(KEYS.getPrivate());
            s.update(nonce);
            byte[] out = Arrays.copyOf(s.sign(), 96);
            System.arraycopy(nonce, 0, out, 64, Math.min(32, nonce.length));
            return HexFormat.of().formatHex(out);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return "unsignable";
        }
    }
}
