package dev.switchboard.router;

import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Unregister;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.uri.Uris;
import dev.switchboard.api.uri.WampErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A routing realm: its sessions, Broker and Dealer. Everything except {@link #actor()} and the counters runs
 * on the realm's actor.
 */
final class Realm {
    private static final Logger LOG = LoggerFactory.getLogger(Realm.class);
    static final long GOODBYE_CLOSE_DELAY_MILLIS = 1000;

    private final String name;
    private final boolean strictUris;
    private final RealmActor actor;
    private final Map<String, Object> routerRoles;
    private final String agent;
    private final LongConsumer sessionIdRelease;
    final Broker broker = new Broker(this);
    final Dealer dealer = new Dealer(this);
    final MetaApi meta = new MetaApi(this);
    final RealmStats stats = new RealmStats();
    private final ScheduledExecutorService timer;
    /** Roles and permissions; {@code null} when the realm has none configured: everything is allowed. */
    private final Authorizer authorizer;
    private final Map<Long, Session> sessions = new HashMap<>();
    private volatile int sessionCount;
    private volatile int maxSessions = Integer.MAX_VALUE;
    private long lastRouterScopeId;

    Realm(String name, boolean strictUris, Executor pool, ScheduledExecutorService timer, String agent,
            LongConsumer sessionIdRelease, Authorizer authorizer) {
        this.name = name;
        this.authorizer = authorizer;
        this.timer = timer;
        this.strictUris = strictUris;
        this.actor = new RealmActor(name, pool);
        this.agent = agent;
        this.sessionIdRelease = sessionIdRelease;
        this.routerRoles = RouterFeatures.roles();
    }

    String name() {
        return name;
    }

    RealmActor actor() {
        return actor;
    }

    int sessionCount() {
        return sessionCount;
    }

    /** Registration and subscription IDs: router scope, so sequential per realm is enough. */
    long nextRouterScopeId() {
        return ++lastRouterScopeId;
    }

    void maxSessions(int max) {
        maxSessions = max;
    }

    /** Approximate (read off the actor): a realm at its limit refuses new sessions. */
    boolean isFull() {
        return sessionCount >= maxSessions;
    }

    boolean acceptsRole(String role) {
        return authorizer == null || authorizer.hasRole(role);
    }

    /**
     * After the GOODBYE exchange the client usually closes the transport itself (AutobahnJS, autobahn-java do);
     * closing it from here at the same moment races with the client reading our GOODBYE, so give it a moment.
     */
    private void closeAfterGoodbye(Session s) {
        try {
            timer.schedule(s.peer()::close, GOODBYE_CLOSE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            s.peer().close();
        }
    }

    /** Runs {@code task} on this realm's actor after a delay (call timeouts). */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer.schedule(() -> actor.execute(task), delay, unit);
    }

    boolean isValidUri(String uri, boolean pattern) {
        return Uris.isValid(uri, strictUris, pattern);
    }

    void join(Session session) {
        if (session.state() == Session.State.CLOSED) {
            sessionIdRelease.accept(session.id());
            return; // the connection dropped between HELLO and now
        }
        sessions.put(session.id(), session);
        sessionCount = sessions.size();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("realm", name);
        details.put("authid", session.authid());
        details.put("authrole", session.authrole());
        details.put("authmethod", session.authmethod());
        details.put("authprovider", session.authprovider());
        if (!session.authextra().isEmpty()) {
            details.put("authextra", session.authextra());
        }
        details.put("roles", routerRoles);
        details.put("agent", agent);
        session.send(new Welcome(session.id(), details));
        broker.publishMeta("wamp.session.on_join", List.of(session.metaDetails()));
        LOG.debug("Session {} joined realm '{}' (authid {}, role {}, from {})", session.id(), name, session.authid(),
                session.authrole(), session.peer().details().peerAddress());
    }

    void handle(Session s, Message m) {
        s.messagesIn++;
        stats.received(m);
        switch (s.state()) {
            case CLOSED:
                return;
            case CLOSING:
                // After sending GOODBYE we wait for the peer's GOODBYE and ignore everything else (spec: Session Closing).
                if (m instanceof Goodbye) {
                    leave(s);
                    closeAfterGoodbye(s);
                }
                return;
            default:
                break;
        }
        switch (m.type()) {
            case Subscribe.TYPE -> {
                Subscribe x = (Subscribe) m;
                authorized(s, "subscribe", x.topic(), x.type(), x.request(), true, p -> broker.subscribe(s, x));
            }
            case Unsubscribe.TYPE -> broker.unsubscribe(s, (Unsubscribe) m);
            case Publish.TYPE -> {
                Publish x = (Publish) m;
                boolean acknowledge = Dicts.bool(x.options(), "acknowledge", false);
                authorized(s, "publish", x.topic(), x.type(), x.request(), acknowledge,
                        p -> broker.publish(s, x, p.disclosePublisher()));
            }
            case Register.TYPE -> {
                Register x = (Register) m;
                authorized(s, "register", x.procedure(), x.type(), x.request(), true, p -> dealer.register(s, x));
            }
            case Unregister.TYPE -> dealer.unregister(s, (Unregister) m);
            case Call.TYPE -> {
                Call x = (Call) m;
                authorized(s, "call", x.procedure(), x.type(), x.request(), true,
                        p -> dealer.call(s, x, p.discloseCaller()));
            }
            case Yield.TYPE -> dealer.yield(s, (Yield) m);
            case Error.TYPE -> {
                Error e = (Error) m;
                if (e.requestType() == Invocation.TYPE) {
                    dealer.invocationError(s, e);
                } else {
                    protocolViolation(s, "a client may send ERROR only for INVOCATION, not for request type "
                            + e.requestType());
                }
            }
            case Cancel.TYPE -> dealer.cancel(s, (Cancel) m);
            case Goodbye.TYPE -> {
                // Leave first, so that a client that sees the reply also sees itself gone from the realm.
                leave(s);
                s.peer().send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
                closeAfterGoodbye(s);
            }
            case Abort.TYPE -> {
                leave(s);
                s.peer().close();
            }
            default -> protocolViolation(s, "message type " + m.type() + " is not valid from a client in an open session");
        }
    }

    /**
     * Runs {@code proceed} if the session's role may do {@code action} on {@code uri}; otherwise answers ERROR
     * {@code wamp.error.not_authorized} (when {@code answerDenial}) and changes nothing. A dynamic authorizer's answer
     * re-enters the actor; nothing waits for it here.
     */
    private void authorized(Session s, String action, String uri, int requestType, long request, boolean answerDenial,
            Consumer<Permission> proceed) {
        if (authorizer == null || s.internal || s.isTrustedComponent()) {
            proceed.accept(Permission.ALL);
            return;
        }
        CompletableFuture<Permission> decision = authorizer.permission(s, action, uri);
        Runnable decide = () -> {
            Permission p = decision.join();
            if (s.state() != Session.State.ESTABLISHED) {
                return;
            }
            if (p.allows(action)) {
                proceed.accept(p);
            } else if (answerDenial) {
                s.send(new Error(requestType, request, Map.of(), WampErrors.NOT_AUTHORIZED,
                        Dicts.because("role '" + s.authrole() + "' may not " + action + " '" + uri + "'"), null));
            }
        };
        if (decision.isDone()) {
            decide.run();
        } else {
            decision.whenComplete((p, failure) -> actor.execute(decide));
        }
    }

    void protocolViolation(Session s, String reason) {
        if (s.state() == Session.State.CLOSED) {
            return;
        }
        LOG.info("Protocol violation by session {} ({}): {}", s.id(), s.peer().details().peerAddress(), reason);
        s.send(new Abort(Map.of("message", reason), WampErrors.PROTOCOL_VIOLATION));
        leave(s);
        s.peer().close();
    }

    /** The transport is gone: free everything the session held. */
    void detach(Session s) {
        if (s.state() != Session.State.CLOSED) {
            leave(s);
        }
    }

    private void leave(Session s) {
        s.state(Session.State.CLOSED);
        if (sessions.remove(s.id()) == null) {
            return;
        }
        sessionCount = sessions.size();
        sessionIdRelease.accept(s.id());
        broker.removeSession(s);
        dealer.removeSession(s);
        // No session resumption here, so a session is detached and destroyed at once: detached testaments first.
        for (String scope : List.of("detached", "destroyed")) {
            for (Testament t : s.testaments.getOrDefault(scope, List.of())) {
                broker.publish(s, t.topic(), t.args(), t.kwargs(), t.options(), RecipientFilter.of(t.options()));
            }
        }
        s.testaments.clear();
        broker.publishMeta("wamp.session.on_leave", List.of(s.id(), s.authid(), s.authrole()));
        LOG.debug("Session {} left realm '{}'", s.id(), name);
    }

    /** Closes a session on behalf of the meta API: GOODBYE with the reason, then the connection. */
    void kill(Session s, String reason, String message) {
        s.send(new Goodbye(message == null ? Map.of() : Map.of("message", message), reason));
        leave(s);
        s.peer().close();
    }

    Session session(long id) {
        return sessions.get(id);
    }

    // Snapshots for the admin API; each runs on the actor.

    RealmInfo info() {
        int pendingCalls = sessions.values().stream().mapToInt(x -> x.callsMade.size()).sum();
        return new RealmInfo(name, sessions.size(), dealer.registrations().size(), broker.subscriptions().size(),
                pendingCalls, stats.totalIn(), stats.totalOut(), stats.inByType(), stats.outByType(),
                stats.errorsByUri());
    }

    List<SessionInfo> sessionInfos() {
        return sessions.values().stream().map(this::info).toList();
    }

    SessionInfo info(Session s) {
        TransportDetails t = s.peer().details();
        return new SessionInfo(s.id(), name, s.authid(), s.authrole(), s.authmethod(), t.transport(), t.listener(),
                t.peerAddress(), t.serializer(), s.joinedAt(), s.messagesIn, s.messagesOut,
                s.peer().pendingOutboundBytes(), s.registrations.stream().map(r -> r.id).toList(),
                s.subscriptions.stream().map(x -> x.id).toList());
    }

    List<RegistrationInfo> registrationInfos() {
        return dealer.registrations().stream().map(r -> new RegistrationInfo(r.id, name, r.procedure,
                r.match.wireName(), r.invoke, r.callees.stream().map(c -> c.session().id()).toList(), r.created))
                .toList();
    }

    List<SubscriptionInfo> subscriptionInfos() {
        return broker.subscriptions().stream().map(x -> new SubscriptionInfo(x.id, name, x.topic,
                x.match.wireName(), x.subscribers.stream().map(Session::id).toList(), x.created)).toList();
    }

    List<Session> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /** Asks every session to leave with GOODBYE; their GOODBYE replies (or lost connections) complete the close. */
    void closeAllSessions(String reason) {
        for (Session s : new ArrayList<>(sessions.values())) {
            if (s.state() == Session.State.ESTABLISHED) {
                s.send(new Goodbye(Map.of("message", "the router is closing this realm"), reason));
                s.state(Session.State.CLOSING);
            }
        }
    }

    /** Closes the connections of sessions that did not answer GOODBYE in time. */
    void dropRemainingSessions() {
        for (Session s : new ArrayList<>(sessions.values())) {
            leave(s);
            s.peer().close();
        }
    }

    @Override
    public String toString() {
        return "Realm[" + name + ", sessions=" + sessionCount + ", " + actor + "]";
    }
}
