package dev.switchboard.router;

import dev.switchboard.api.admin.CallOutcome;
import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router: accepts sessions from transports and routes them to realms. Registered as {@link Router} for the
 * transports and as a {@link Runnable} that the launcher runs before stopping the node: every session gets
 * GOODBYE ({@code wamp.close.system_shutdown}) while the transports are still up.
 */
@Component(service = {Router.class, RouterAdmin.class, Runnable.class, RouterCore.class},
        property = "switchboard.shutdown=graceful")
public final class RouterCore implements Router, RouterAdmin, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterCore.class);
    /** How long sessions get to answer GOODBYE when the node or a realm shuts down. */
    static final long GOODBYE_GRACE_MILLIS = 2000;

    private final Map<String, Realm> realms = new ConcurrentHashMap<>();
    private final Set<Long> sessionIds = ConcurrentHashMap.newKeySet();
    private final Map<String, AdminSession> adminSessions = new ConcurrentHashMap<>();
    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private String agent;
    private volatile boolean shuttingDown;

    @Activate
    void activate(BundleContext context) {
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
        run();
        timer.shutdownNow();
        pool.shutdown();
    }

    @Override
    public RouterSession connect(Peer peer) {
        return new Session(this, peer);
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

    /** Handles HELLO on the transport's thread; the session joins on its realm's actor. */
    void join(Session session, Hello hello) {
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
        long id = newSessionId();
        String authid = "anonymous-" + Long.toString(id & 0xffffffffL, 36);
        session.established(realm, id, authid, "anonymous", "anonymous", "static", roles);
        realm.actor().execute(() -> realm.join(session));
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
        Realm realm = new Realm(name, strictUris, pool, timer, agent, this::releaseSessionId);
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
