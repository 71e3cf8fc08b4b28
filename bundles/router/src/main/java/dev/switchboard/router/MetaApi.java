package dev.switchboard.router;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.uri.Uris;
import dev.switchboard.api.uri.WampErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's own procedures in a realm: session, registration and subscription meta API, testaments and event
 * history (WAMP spec, advanced: meta API). Runs on the realm's actor like any call.
 */
final class MetaApi {
    /** Signals an ERROR answer to a meta call. */
    private static final class MetaError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String uri;

        MetaError(String uri, String message) {
            super(message, null, false, false);
            this.uri = uri;
        }
    }

    private static final Object NO_RESULT = new Object();

    private final Realm realm;

    MetaApi(Realm realm) {
        this.realm = realm;
    }

    void call(Session caller, Call m) {
        List<Object> args = m.args() == null ? List.of() : m.args();
        Map<String, Object> kwargs = m.kwargs() == null ? Map.of() : m.kwargs();
        try {
            Object result = dispatch(caller, m.procedure(), args, kwargs);
            List<Object> resultArgs = result == NO_RESULT ? null : Arrays.asList(result);
            caller.send(new Result(m.request(), Map.of(), resultArgs, null));
        } catch (MetaError e) {
            caller.send(new Error(Call.TYPE, m.request(), Map.of(), e.uri, Dicts.because(e.getMessage()), null));
        }
    }

    private Object dispatch(Session caller, String procedure, List<Object> args, Map<String, Object> kwargs) {
        return switch (procedure) {
            case "wamp.session.count" -> sessions(args).size();
            case "wamp.session.list" -> sessions(args).stream().map(Session::id).toList();
            case "wamp.session.get" -> otherOrSelf(caller, id(args, 0, "session"), true).metaDetails();
            case "wamp.session.kill" -> {
                Session target = otherOrSelf(caller, id(args, 0, "session"), false);
                realm.kill(target, reason(kwargs), message(kwargs));
                yield NO_RESULT;
            }
            case "wamp.session.kill_by_authid" -> killAll(caller, string(args, 0, "authid"), null, kwargs);
            case "wamp.session.kill_by_authrole" -> killAll(caller, null, string(args, 0, "authrole"), kwargs);
            case "wamp.session.kill_all" -> killAll(caller, null, null, kwargs);
            case "wamp.session.add_testament" -> {
                addTestament(caller, args, kwargs);
                yield NO_RESULT;
            }
            case "wamp.session.flush_testaments" -> {
                caller.testaments.remove(scope(kwargs));
                yield NO_RESULT;
            }
            case "wamp.registration.list" -> {
                Map<String, List<Long>> lists = emptyLists();
                realm.dealer.registrations().forEach(r -> lists.get(r.match.wireName()).add(r.id));
                yield lists;
            }
            case "wamp.registration.lookup" -> {
                Registration r = realm.dealer.lookup(string(args, 0, "procedure"), match(args));
                yield r == null ? null : r.id;
            }
            case "wamp.registration.match" -> {
                Registration r = realm.dealer.best(string(args, 0, "procedure"));
                yield r == null ? null : r.id;
            }
            case "wamp.registration.get" -> registration(args).metaDetails();
            case "wamp.registration.list_callees" ->
                    registration(args).callees.stream().map(c -> c.session().id()).toList();
            case "wamp.registration.count_callees" -> registration(args).callees.size();
            case "wamp.subscription.list" -> {
                Map<String, List<Long>> lists = emptyLists();
                // Like Crossbar: the router's own meta topics are not listed.
                realm.broker.subscriptions().stream().filter(s -> !Uris.isReserved(s.topic))
                        .forEach(s -> lists.get(s.match.wireName()).add(s.id));
                yield lists;
            }
            case "wamp.subscription.lookup" -> {
                Subscription s = realm.broker.lookup(string(args, 0, "topic"), match(args));
                yield s == null ? null : s.id;
            }
            case "wamp.subscription.match" -> {
                List<Long> ids = realm.broker.matching(string(args, 0, "topic")).stream().map(s -> s.id).toList();
                yield ids.isEmpty() ? null : ids;
            }
            case "wamp.subscription.get" -> subscription(args).metaDetails();
            case "wamp.subscription.list_subscribers" ->
                    subscription(args).subscribers.stream().map(Session::id).toList();
            case "wamp.subscription.count_subscribers" -> subscription(args).subscribers.size();
            case "wamp.subscription.get_events" -> {
                Subscription s = subscription(args);
                if (s.history == null) {
                    yield List.of();
                }
                try {
                    yield s.history.query(kwargs, caller);
                } catch (IllegalArgumentException e) {
                    throw new MetaError(WampErrors.INVALID_ARGUMENT, e.getMessage());
                }
            }
            default -> throw new MetaError(WampErrors.NO_SUCH_PROCEDURE, "no procedure '" + procedure + "'");
        };
    }

    /** Sessions of the realm, optionally only those whose authrole is in the list given as first argument. */
    private List<Session> sessions(List<Object> args) {
        List<Session> all = realm.sessions();
        if (args.isEmpty() || args.get(0) == null) {
            return all;
        }
        if (!(args.get(0) instanceof List<?> roles)) {
            throw new MetaError(WampErrors.INVALID_ARGUMENT, "filter_authroles must be a list of strings");
        }
        return all.stream().filter(s -> roles.contains(s.authrole())).toList();
    }

    /** A session of this realm; the caller itself only where {@code selfAllowed} (spec: kill never kills oneself). */
    private Session otherOrSelf(Session caller, long id, boolean selfAllowed) {
        Session s = realm.session(id);
        if (s == null || (!selfAllowed && s == caller)) {
            throw new MetaError(WampErrors.NO_SUCH_SESSION, "no session " + id + " in this realm");
        }
        return s;
    }

    private int killAll(Session caller, String authid, String authrole, Map<String, Object> kwargs) {
        String reason = reason(kwargs);
        String message = message(kwargs);
        int killed = 0;
        for (Session s : realm.sessions()) {
            if (s != caller && (authid == null || authid.equals(s.authid()))
                    && (authrole == null || authrole.equals(s.authrole()))) {
                realm.kill(s, reason, message);
                killed++;
            }
        }
        return killed;
    }

    private static String reason(Map<String, Object> kwargs) {
        Object reason = kwargs.getOrDefault("reason", WampErrors.CLOSE_KILLED);
        if (!(reason instanceof String r) || !Uris.isValid(r, false, false)) {
            throw new MetaError(WampErrors.INVALID_URI, "'reason' must be a valid URI");
        }
        return r;
    }

    private static String message(Map<String, Object> kwargs) {
        return kwargs.get("message") instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private void addTestament(Session caller, List<Object> args, Map<String, Object> kwargs) {
        String topic = string(args, 0, "topic");
        if (!realm.isValidUri(topic, false) || Uris.isReserved(topic)) {
            throw new MetaError(WampErrors.INVALID_URI, "invalid topic URI '" + topic + "'");
        }
        List<Object> eventArgs = args.size() > 1 && args.get(1) instanceof List<?> l ? (List<Object>) l : null;
        Map<String, Object> eventKwargs = args.size() > 2 && args.get(2) instanceof Map<?, ?> k
                ? (Map<String, Object>) k : null;
        Map<String, Object> options = kwargs.get("publish_options") instanceof Map<?, ?> o
                ? (Map<String, Object>) o : Map.of();
        try {
            RecipientFilter.of(options);
        } catch (IllegalArgumentException e) {
            throw new MetaError(WampErrors.INVALID_ARGUMENT, e.getMessage());
        }
        caller.testaments.computeIfAbsent(scope(kwargs), k -> new ArrayList<>())
                .add(new Testament(topic, eventArgs, eventKwargs, options));
    }

    private static String scope(Map<String, Object> kwargs) {
        Object scope = kwargs.getOrDefault("scope", "destroyed");
        if (!"destroyed".equals(scope) && !"detached".equals(scope)) {
            throw new MetaError(WampErrors.INVALID_ARGUMENT, "'scope' must be 'destroyed' or 'detached'");
        }
        return (String) scope;
    }

    private Registration registration(List<Object> args) {
        long id = id(args, 0, "registration");
        Registration r = realm.dealer.registration(id);
        if (r == null) {
            throw new MetaError(WampErrors.NO_SUCH_REGISTRATION, "no registration " + id);
        }
        return r;
    }

    private Subscription subscription(List<Object> args) {
        long id = id(args, 0, "subscription");
        Subscription s = realm.broker.subscription(id);
        if (s == null) {
            throw new MetaError(WampErrors.NO_SUCH_SUBSCRIPTION, "no subscription " + id);
        }
        return s;
    }

    private static Match match(List<Object> args) {
        Object options = args.size() > 1 ? args.get(1) : null;
        Object policy = options instanceof Map<?, ?> o ? o.get("match") : null;
        Match match = Match.parse(policy);
        if (match == null) {
            throw new MetaError(WampErrors.INVALID_ARGUMENT, "unknown match policy '" + policy + "'");
        }
        return match;
    }

    private static Map<String, List<Long>> emptyLists() {
        Map<String, List<Long>> lists = new LinkedHashMap<>();
        for (Match match : Match.values()) {
            lists.put(match.wireName(), new ArrayList<>());
        }
        return lists;
    }

    private static long id(List<Object> args, int i, String name) {
        if (args.size() > i && (args.get(i) instanceof Integer || args.get(i) instanceof Long)) {
            return ((Number) args.get(i)).longValue();
        }
        throw new MetaError(WampErrors.INVALID_ARGUMENT, "argument " + (i + 1) + " must be the " + name + " id");
    }

    private static String string(List<Object> args, int i, String name) {
        if (args.size() > i && args.get(i) instanceof String s) {
            return s;
        }
        throw new MetaError(WampErrors.INVALID_ARGUMENT, "argument " + (i + 1) + " must be the " + name);
    }
}
