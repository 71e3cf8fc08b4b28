package dev.switchboard.router;

import dev.switchboard.api.admin.CallOutcome;
import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.uri.Ids;
import dev.switchboard.api.uri.WampErrors;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router: accepts sessions from transports and routes them to realms. Registered as {@link Router} for the
 * transports and as a {@link Runnable} that the launcher runs before stopping the node: every session gets
 * GOODBYE ({@code wamp.close.system_shutdown}) while the transports are still up.
 */
@Component(service = {Router.class, RouterAdmin.class, Runnable.class, RouterCore.class},
        property = "switchboard.shutdown=graceful", configurationPid = "dev.switchboard.router")
@Designate(ocd = RouterConfig.class)
public final class RouterCore implements Router, RouterAdmin, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterCore.class);
    /** How long sessions get to answer GOODBYE when the node or a realm shuts down. */
    static final long GOODBYE_GRACE_MILLIS = 2000;
    /** Failed authentications per source and minute before the source is made to wait. */
    static final int DEFAULT_AUTH_FAILURE_LIMIT = 20;
    static final int DEFAULT_HELLO_TIMEOUT_SECONDS = 10;
    /** The role of the router's own sessions and of in-process components that ask for no other: allowed everything. */
    static final String TRUSTED = "trusted";
    /** TransportDetails.transport of in-process peers (components embedded in the router). */
    static final String LOCAL_TRANSPORT = "local";

    private final Map<String, Realm> realms = new ConcurrentHashMap<>();
    private final Set<Long> sessionIds = ConcurrentHashMap.newKeySet();
    private final Map<String, AdminSession> adminSessions = new ConcurrentHashMap<>();
    private final Map<String, AuthPolicy> authPolicies = new ConcurrentHashMap<>();
    private volatile FailureThrottle throttle = new FailureThrottle(DEFAULT_AUTH_FAILURE_LIMIT);
    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private String agent;
    private volatile boolean shuttingDown;
    private volatile long helloTimeoutMillis = DEFAULT_HELLO_TIMEOUT_SECONDS * 1000L;

    @Activate
    void activate(BundleContext context, RouterConfig config) {
        if (config.authFailureLimit() < 1) {
            throw new IllegalArgumentException("router configuration: 'authFailureLimit' must be at least 1");
        }
        authFailureLimit(config.authFailureLimit());
        if (config.helloTimeoutSeconds() < 1) {
            throw new IllegalArgumentException("router configuration: 'helloTimeoutSeconds' must be at least 1");
        }
        helloTimeoutMillis = config.helloTimeoutSeconds() * 1000L;
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        start(Executors.newFixedThreadPool(threads, daemonThreads("switchboard-router")),
                "Switchboard/" + context.getBundle().getVersion());
    }

    /** Starts with the given realm thread pool; separate from {@link #activate} for tests. */
    void start(ExecutorService realmPool, String agentName) {
        this.pool = realmPool;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("switchboard-timer"));
        this.agent = agentName;
        this.shuttingDown = false;
    }

    @Deactivate
    void deactivate() {
        if (pool.isShutdown()) {
            return;
        }
        run();
        timer.shutdownNow();
        pool.shutdown();
    }

    @Override
    public RouterSession connect(Peer peer) {
        Session session = new Session(this, peer, false);
        // A connection that never completes the opening handshake is dropped, so it cannot hold resources forever.
        try {
            timer.schedule(session::openingTimedOut, helloTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            session.abort(WampErrors.CLOSE_SYSTEM_SHUTDOWN, "the router has stopped");
        }
        return session;
    }

    /** A session of the router itself: it joins as role {@code trusted} without authentication or authorization. */
    RouterSession connectInternal(Peer peer) {
        return new Session(this, peer, true);
    }

    /** Graceful shutdown: GOODBYE to every session, a short wait for replies, then the rest are dropped. */
    @Override
    public void run() {
        shuttingDown = true;
        for (Realm realm : realms.values()) {
            realm.actor().execute(() -> realm.closeAllSessions(WampErrors.CLOSE_SYSTEM_SHUTDOWN));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GOODBYE_GRACE_MILLIS);
        while (System.nanoTime() < deadline && realms.values().stream().anyMatch(r -> r.sessionCount() > 0)) {
            sleep(10);
        }
        CountDownLatch dropped = new CountDownLatch(realms.size());
        for (Realm realm : realms.values()) {
            realm.actor().execute(() -> {
                realm.dropRemainingSessions();
                dropped.countDown();
            });
        }
        try {
            dropped.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Handles HELLO on the transport's thread (session lock held): picks the realm and the authentication method.
     * Authentication may complete later on another thread; the session joins its realm's actor when it succeeds.
     */
    void hello(Session session, Hello hello) {
        if (shuttingDown) {
            session.abort(WampErrors.CLOSE_SYSTEM_SHUTDOWN, "the router is shutting down");
            return;
        }
        Realm realm = realms.get(hello.realm());
        if (realm == null) {
            LOG.info("Refused HELLO from {}: no realm '{}'", session.peer().details().peerAddress(), hello.realm());
            session.abort(WampErrors.NO_SUCH_REALM, "no realm '" + hello.realm() + "' on this router");
            return;
        }
        Map<String, Object> roles = Dicts.dict(hello.details(), "roles");
        if (roles.isEmpty()) {
            session.abort(WampErrors.PROTOCOL_VIOLATION, "HELLO.Details.roles must announce at least one role");
            return;
        }
        if (session.internal) {
            long id = session.reserveId(newSessionId());
            establish(session, realm, id, "internal",
                    new Principal("switchboard-" + Long.toString(id & 0xffffffffL, 36), TRUSTED, "internal", "router",
                            Map.of()), roles);
            return;
        }
        if (LOCAL_TRANSPORT.equals(session.peer().details().transport())) {
            // In-process components are code running in the router itself, so they are trusted, as Crossbar
            // trusts router components: they join with the authid and authrole they ask for (default "trusted").
            long id = session.reserveId(newSessionId());
            String authid = Dicts.string(hello.details(), "authid", "component-" + Long.toString(id & 0xffffffffL, 36));
            String authrole = Dicts.string(hello.details(), "authrole", TRUSTED);
            establish(session, realm, id, "local", new Principal(authid, authrole, "trusted", "local", Map.of()), roles);
            return;
        }
        String policyName = session.peer().details().auth();
        AuthPolicy policy = policyName == null || policyName.isEmpty() ? AuthPolicy.ANONYMOUS : authPolicies.get(policyName);
        if (policy == null) {
            LOG.warn("Refused HELLO from {}: its listener names auth policy '{}', which is not configured",
                    session.peer().details().peerAddress(), policyName);
            session.abort(WampErrors.AUTHENTICATION_FAILED, "authentication is not available on this listener");
            return;
        }
        String source = FailureThrottle.sourceOf(session.peer().details().peerAddress());
        if (throttle.isBlocked(source)) {
            session.abort(WampErrors.AUTHENTICATION_FAILED, "too many failed authentications; try again later");
            return;
        }
        List<String> methods = authmethods(hello);
        Authenticator authenticator = policy.select(methods);
        if (authenticator == null) {
            session.abort(WampErrors.NO_MATCHING_AUTH_METHOD, "none of the authmethods " + methods
                    + " is accepted here");
            return;
        }
        String authid = Dicts.string(hello.details(), "authid", null);
        long id = session.reserveId(newSessionId());
        CompletableFuture<Authenticator.Step> step;
        try {
            step = authenticator.begin(hello, authid, id);
        } catch (Authenticator.AuthFailure e) {
            step = CompletableFuture.failedFuture(e);
        }
        step.whenComplete((result, failure) -> {
            if (failure != null) {
                refuse(session, id, source, failure);
            } else if (result.principal() != null) {
                establish(session, realm, id, source, result.principal(), roles);
            } else {
                session.challenge(authenticator.method(), pendingAuth(result.challenge(), realm, id, source, roles));
            }
        });
    }

    /** Handles AUTHENTICATE (session lock held). */
    void authenticate(Session session, Authenticator.Challenge challenge, Authenticate answer) {
        CompletableFuture<Principal> verified;
        try {
            verified = challenge.verify(answer);
        } catch (Authenticator.AuthFailure e) {
            verified = CompletableFuture.failedFuture(e);
        }
        PendingAuth pending = (PendingAuth) challenge;
        verified.whenComplete((principal, failure) -> {
            if (failure != null) {
                refuse(session, pending.id, pending.source, failure);
            } else {
                establish(session, pending.realm, pending.id, pending.source, principal, pending.clientRoles);
            }
        });
    }

    /** A challenge remembered with what the session needs once it is answered. */
    private record PendingAuth(Authenticator.Challenge challenge, Realm realm, long id, String source,
            Map<String, Object> clientRoles) implements Authenticator.Challenge {
        @Override
        public Map<String, Object> extra() {
            return challenge.extra();
        }

        @Override
        public CompletableFuture<Principal> verify(Authenticate answer) {
            return challenge.verify(answer);
        }
    }

    private PendingAuth pendingAuth(Authenticator.Challenge c, Realm realm, long id, String source,
            Map<String, Object> roles) {
        return new PendingAuth(c, realm, id, source, roles);
    }

    private void establish(Session session, Realm realm, long id, String source, Principal principal,
            Map<String, Object> clientRoles) {
        if (!session.internal && !TRUSTED.equals(principal.authrole()) && !realm.acceptsRole(principal.authrole())) {
            refuse(session, id, source, new Authenticator.AuthFailure(WampErrors.NO_SUCH_ROLE,
                    "role '" + principal.authrole() + "' does not exist in realm '" + realm.name() + "'"));
            return;
        }
        if (realm.isFull()) {
            LOG.warn("Realm '{}' is full: refused a session from {}", realm.name(), session.peer().details().peerAddress());
            session.abort(WampErrors.NOT_AUTHORIZED, "realm '" + realm.name() + "' admits no more sessions");
            return;
        }
        if (!realms.containsKey(realm.name()) || !session.established(realm, id, principal, clientRoles)) {
            session.abort(WampErrors.NO_SUCH_REALM, "the realm closed during authentication");
        }
    }

    private void refuse(Session session, long id, String source, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        if (cause instanceof Authenticator.AuthFailure f) {
            throttle.failed(source);
            LOG.info("Authentication refused for {}: {}", session.peer().details().peerAddress(), f.getMessage());
            // The client learns the URI only: whether the authid exists or the secret was wrong stays hidden.
            session.abort(f.uri, "authentication failed");
        } else {
            LOG.warn("Authentication of {} failed unexpectedly", session.peer().details().peerAddress(), cause);
            session.abort(WampErrors.AUTHENTICATION_FAILED, "authentication failed");
        }
    }

    private static List<String> authmethods(Hello hello) {
        if (hello.details().get("authmethods") instanceof List<?> list && !list.isEmpty()) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of("anonymous");
    }

    private long newSessionId() {
        long id;
        do {
            id = Ids.randomGlobal();
        } while (!sessionIds.add(id));
        return id;
    }

    void releaseSessionId(long id) {
        sessionIds.remove(id);
    }

    Realm addRealm(String name, boolean strictUris) {
        return addRealm(name, strictUris, List.of());
    }

    Realm addRealm(String name, boolean strictUris, List<HistorySpec> history) {
        return addRealm(name, strictUris, history, null);
    }

    /** Adds a realm; {@code roles} is Crossbar's roles list, or {@code null} to allow every session everything. */
    Realm addRealm(String name, boolean strictUris, List<HistorySpec> history, List<Object> roles) {
        Authorizer authorizer = roles == null ? null : Authorizer.parse(name, roles, this::callAsRouter);
        Realm realm = new Realm(name, strictUris, pool, timer, agent, this::releaseSessionId, authorizer);
        // Before the realm is visible to any session, so the broker is still free of concurrent use.
        for (HistorySpec h : history) {
            realm.broker.keepHistory(h.topic(), h.match(), h.limit());
        }
        if (realms.putIfAbsent(name, realm) != null) {
            throw new IllegalStateException("a realm named '" + name + "' is already configured");
        }
        return realm;
    }

    /** Removes a realm: new HELLOs get no_such_realm, its sessions get GOODBYE and are dropped after a grace period. */
    void removeRealm(Realm realm) {
        if (!realms.remove(realm.name(), realm)) {
            return;
        }
        realm.actor().execute(() -> realm.closeAllSessions(WampErrors.CLOSE_REALM));
        if (!timer.isShutdown()) {
            timer.schedule(() -> realm.actor().execute(realm::dropRemainingSessions), GOODBYE_GRACE_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    Realm realm(String name) {
        return realms.get(name);
    }

    // RouterAdmin: every answer is computed on the realm's actor, so it is a consistent snapshot.

    @Override
    public List<RealmInfo> realms() {
        return realms.values().stream().map(r -> onActor(r, r::info)).sorted(Comparator.comparing(RealmInfo::name))
                .toList();
    }

    @Override
    public List<SessionInfo> sessions(String realm) {
        return selected(realm).stream().flatMap(r -> onActor(r, r::sessionInfos).stream())
                .sorted(Comparator.comparing(SessionInfo::joined)).toList();
    }

    @Override
    public Optional<SessionInfo> session(long id) {
        for (Realm r : realms.values()) {
            Optional<SessionInfo> found = onActor(r, () -> Optional.ofNullable(r.session(id)).map(r::info));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<RegistrationInfo> registrations(String realm) {
        return selected(realm).stream().flatMap(r -> onActor(r, r::registrationInfos).stream()).toList();
    }

    @Override
    public List<SubscriptionInfo> subscriptions(String realm) {
        return selected(realm).stream().flatMap(r -> onActor(r, r::subscriptionInfos).stream()).toList();
    }

    @Override
    public boolean kill(long sessionId, String reason, String message) {
        String why = reason == null ? WampErrors.CLOSE_KILLED : reason;
        for (Realm r : realms.values()) {
            boolean killed = onActor(r, () -> {
                Session s = r.session(sessionId);
                if (s != null) {
                    r.kill(s, why, message);
                }
                return s != null;
            });
            if (killed) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CompletableFuture<CallOutcome> call(String realm, String procedure, List<Object> args,
            Map<String, Object> kwargs) {
        return adminSession(realm).call(procedure, args, kwargs);
    }

    @Override
    public CompletableFuture<Long> publish(String realm, String topic, List<Object> args, Map<String, Object> kwargs) {
        return adminSession(realm).publish(topic, args, kwargs);
    }

    /** Calls a procedure as the router itself, for dynamic authenticators and authorizers. */
    CompletableFuture<List<Object>> callAsRouter(String realm, String procedure, List<Object> args) {
        try {
            return adminSession(realm).call(procedure, args, null).thenApply(CallOutcome::args);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    void addAuthPolicy(String name, Map<String, Object> methods) {
        if (authPolicies.putIfAbsent(name, AuthPolicy.parse(name, methods, this::callAsRouter)) != null) {
            throw new IllegalStateException("an auth policy named '" + name + "' is already configured");
        }
    }

    void removeAuthPolicy(String name) {
        authPolicies.remove(name);
    }

    void helloTimeout(long millis) {
        helloTimeoutMillis = millis;
    }

    void authFailureLimit(int limit) {
        throttle = new FailureThrottle(limit);
    }

    private AdminSession adminSession(String realm) {
        requireRealm(realm);
        return adminSessions.compute(realm, (name, existing) ->
                existing != null && existing.isOpen() ? existing : new AdminSession(this, name));
    }

    private List<Realm> selected(String realm) {
        return realm == null ? List.copyOf(realms.values()) : List.of(requireRealm(realm));
    }

    private Realm requireRealm(String name) {
        Realm r = realms.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no realm '" + name + "'");
        }
        return r;
    }

    private static <T> T onActor(Realm realm, Supplier<T> query) {
        try {
            return CompletableFuture.supplyAsync(query, realm.actor()).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking realm '" + realm.name() + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("realm '" + realm.name() + "' did not answer: " + e, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "RouterCore[realms=" + realms.keySet() + ", sessions=" + sessionIds.size() + "]";
    }
}
