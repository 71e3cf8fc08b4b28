package dev.switchboard.router;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.uri.WampErrors;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's end of one connection. HELLO is handled on the transport's thread; from then on every message
 * goes to the realm's actor, and all fields below the state are confined to that actor.
 */
final class Session implements RouterSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** Messages queued for the realm before the transport is asked to stop reading. */
    static final int INBOX_LIMIT = 64;

    /** In order: states before ESTABLISHED are handled on the transport's thread under this session's lock. */
    enum State { AWAITING_HELLO, AUTHENTICATING, CHALLENGED, ESTABLISHED, CLOSING, CLOSED }

    private final RouterCore router;
    private final Peer peer;
    private volatile State state = State.AWAITING_HELLO;
    private final AtomicInteger inbox = new AtomicInteger();
    private final AtomicBoolean readingPaused = new AtomicBoolean();

    // Set once on HELLO, before the session is handed to the realm's actor.
    private volatile Realm realm;
    private long id;
    private String authid;
    private String authrole;
    private String authmethod;
    private String authprovider;
    private Map<String, Object> clientRoles = Map.of();
    private Map<String, Object> authextra = Map.of();
    private Instant joinedAt;
    private Authenticator.Challenge challenge;
    /** The session id taken at HELLO, until the session joins (then it is its id) or ends before joining. */
    private long reservedId;

    // Actor-confined.
    final Set<Subscription> subscriptions = new LinkedHashSet<>();
    final Set<Registration> registrations = new LinkedHashSet<>();
    /** Calls this session made that await a result, by the caller's request id. */
    final LongMap<PendingCall> callsMade = new LongMap<>();
    /** Invocations sent to this session as callee, by INVOCATION request id. */
    final LongMap<PendingCall> invocationsReceived = new LongMap<>();
    /** Testaments by scope ("detached", "destroyed"), published in order when the session leaves. */
    final Map<String, List<Testament>> testaments = new HashMap<>();
    private long lastInvocationId;
    long messagesIn;
    long messagesOut;

    /** The router's own session (admin calls, dynamic authenticators and authorizers): trusted, never authorized. */
    final boolean internal;

    Session(RouterCore router, Peer peer, boolean internal) {
        this.router = router;
        this.peer = peer;
        this.internal = internal;
    }

    @Override
    public boolean receive(Message message) {
        if (state.ordinal() < State.ESTABLISHED.ordinal()) {
            synchronized (this) {
                if (state.ordinal() < State.ESTABLISHED.ordinal()) {
                    beforeJoin(message);
                    return true;
                }
            }
        }
        if (state == State.CLOSED) {
            return true;
        }
        Realm r = realm;
        inbox.incrementAndGet();
        r.actor().executeHere(() -> {
            try {
                r.handle(this, message);
            } finally {
                messageHandled();
            }
        });
        return !inboxFull();
    }

    /** Opening handshake: HELLO, then CHALLENGE/AUTHENTICATE rounds, until WELCOME or ABORT. Holds the lock. */
    private void beforeJoin(Message message) {
        switch (state) {
            case AWAITING_HELLO -> {
                if (message instanceof Hello hello) {
                    state = State.AUTHENTICATING;
                    router.hello(this, hello);
                } else {
                    abortBeforeJoin("expected HELLO, got message type " + message.type());
                }
            }
            case CHALLENGED -> {
                if (message instanceof Authenticate answer) {
                    state = State.AUTHENTICATING;
                    router.authenticate(this, challenge, answer);
                } else {
                    abortBeforeJoin("expected AUTHENTICATE, got message type " + message.type());
                }
            }
            default -> abortBeforeJoin("message type " + message.type() + " before WELCOME");
        }
    }

    /** Holds the id taken for this session at HELLO; every way out before joining gives it back. */
    synchronized long reserveId(long id) {
        reservedId = id;
        return id;
    }

    /** Lock held. */
    private void releaseReservedId() {
        if (reservedId != 0) {
            router.releaseSessionId(reservedId);
            reservedId = 0;
        }
    }

    /** The opening handshake took too long: abort unless the session got in (or closed) meanwhile. */
    synchronized void openingTimedOut() {
        if (state.ordinal() < State.ESTABLISHED.ordinal() && abort(WampErrors.PROTOCOL_VIOLATION,
                "the opening handshake (HELLO, authentication) did not complete in time")) {
            LOG.info("Dropped {}: no complete HELLO in time", peer.details().peerAddress());
        }
    }

    /** Sends CHALLENGE and waits for AUTHENTICATE. */
    synchronized void challenge(String method, Authenticator.Challenge pending) {
        if (state == State.AUTHENTICATING) {
            this.challenge = pending;
            state = State.CHALLENGED;
            peer.send(new dev.switchboard.api.message.Challenge(method, pending.extra()));
        }
    }

    /** Transport side of flow control: pause when the inbox is full, unless the actor drained it meanwhile. */
    private boolean inboxFull() {
        if (inbox.get() < INBOX_LIMIT) {
            return false;
        }
        readingPaused.set(true);
        // The actor may have drained the inbox before it could see the pause: resume ourselves then.
        return !(inbox.get() < INBOX_LIMIT && readingPaused.compareAndSet(true, false));
    }

    private void messageHandled() {
        if (inbox.decrementAndGet() < INBOX_LIMIT && readingPaused.get() && readingPaused.compareAndSet(true, false)) {
            peer.resumeReading();
        }
    }

    @Override
    public void protocolViolation(String reason) {
        Realm r = realm;
        if (r == null) {
            synchronized (this) {
                abortBeforeJoin(reason);
            }
        } else {
            r.actor().execute(() -> r.protocolViolation(this, reason));
        }
    }

    @Override
    public void closed() {
        Realm r = realm;
        if (r == null) {
            synchronized (this) {
                state = State.CLOSED;
                releaseReservedId();
            }
        } else {
            r.actor().execute(() -> r.detach(this));
        }
    }

    private void abortBeforeJoin(String reason) {
        LOG.info("Protocol violation by {} before joining: {}", peer.details().peerAddress(), reason);
        abort(WampErrors.PROTOCOL_VIOLATION, reason);
    }

    /**
     * Sends ABORT and closes the connection; for sessions that are not (or no longer) in a realm. Returns whether
     * it did (a session already closed stays closed).
     */
    synchronized boolean abort(String reason, String message) {
        if (state == State.CLOSED || realm != null) {
            return false;
        }
        state = State.CLOSED;
        releaseReservedId();
        peer.send(new Abort(Map.of("message", message), reason));
        peer.close();
        return true;
    }

    /** Authentication succeeded: the session belongs to the realm from now on. Returns false if it closed meanwhile. */
    synchronized boolean established(Realm realm, long id, Principal principal, Map<String, Object> clientRoles) {
        if (state != State.AUTHENTICATING) {
            return false;
        }
        this.id = id;
        this.reservedId = 0; // from now on the realm gives the id back when the session leaves
        this.authid = principal.authid();
        this.authrole = principal.authrole();
        this.authmethod = principal.authmethod();
        this.authprovider = principal.authprovider();
        this.authextra = principal.authextra();
        this.clientRoles = clientRoles;
        this.joinedAt = Instant.now();
        this.realm = realm;
        // Queue the join before the state lets this session's messages through to the realm: they follow it.
        realm.actor().execute(() -> realm.join(this));
        this.state = State.ESTABLISHED;
        return true;
    }

    /** An in-process component with the role {@code trusted}: like the router's own sessions, never authorized. */
    boolean isTrustedComponent() {
        return RouterCore.TRUSTED.equals(authrole) && RouterCore.LOCAL_TRANSPORT.equals(peer.details().transport());
    }

    Map<String, Object> authextra() {
        return authextra;
    }

    /** Whether the client announced {@code feature} for {@code role} in HELLO (e.g. callee, call_canceling). */
    boolean supports(String role, String feature) {
        return Dicts.bool(Dicts.dict(Dicts.dict(clientRoles, role), "features"), feature, false);
    }

    /** The session as the meta API describes it (wamp.session.get, wamp.session.on_join). */
    Map<String, Object> metaDetails() {
        TransportDetails t = peer.details();
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("type", t.transport());
        transport.put("listener", t.listener());
        transport.put("peer", t.peerAddress());
        if (t.serializer() != null) {
            transport.put("serializer", t.serializer());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("session", id);
        d.put("authid", authid);
        d.put("authrole", authrole);
        d.put("authmethod", authmethod);
        d.put("authprovider", authprovider);
        d.put("transport", transport);
        d.put("joined", joinedAt.toString());
        return d;
    }

    /** Sends from the realm's actor, counting what goes out. */
    void send(Message message) {
        if (state != State.CLOSED) {
            messagesOut++;
            Realm r = realm;
            if (r != null) {
                r.stats.sent(message);
            }
            try {
                peer.send(message);
            } catch (RuntimeException e) {
                // A payload this peer's serializer cannot express (e.g. NaN from a CBOR publisher to a JSON
                // subscriber): drop it for this peer only, so one peer never stops a fan-out to the others.
                LOG.warn("Session {}: cannot send {} over {}: {}", id, message.getClass().getSimpleName(),
                        peer.details().serializer(), e.toString());
            }
        }
    }

    Instant joinedAt() {
        return joinedAt;
    }

    long nextInvocationId() {
        return ++lastInvocationId;
    }

    State state() {
        return state;
    }

    void state(State next) {
        state = next;
    }

    Peer peer() {
        return peer;
    }

    long id() {
        return id;
    }

    String authid() {
        return authid;
    }

    String authrole() {
        return authrole;
    }

    String authmethod() {
        return authmethod;
    }

    String authprovider() {
        return authprovider;
    }

    Map<String, Object> clientRoles() {
        return clientRoles;
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + state + ", " + peer.details().peerAddress() + ", realm="
                + (realm == null ? "-" : realm.name()) + ", subscriptions=" + subscriptions.size()
                + ", registrations=" + registrations.size() + ", inbox=" + inbox.get() + "]";
    }
}
