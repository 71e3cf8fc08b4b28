package dev.switchboard.client.internal;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Challenge;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
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
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.CallOptions;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.CancelMode;
import dev.switchboard.client.EventHandler;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.Procedure;
import dev.switchboard.client.Publication;
import dev.switchboard.client.PublishOptions;
import dev.switchboard.client.RegisterOptions;
import dev.switchboard.client.Registration;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.SubscribeOptions;
import dev.switchboard.client.Subscription;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of one WAMP session, written once over {@link ClientTransport}. All protocol state lives on the
 * session's actor ({@link #actor()}): public methods only snapshot their arguments and submit. Replies complete
 * futures on the runtime's pool, and procedures run there too, so neither the router's threads nor this actor
 * ever run application code.
 */
public final class ClientSession implements WampSession, TransportHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    enum State { CONNECTING, JOINING, OPEN, CLOSING, CLOSED }

    /** How long to wait for WELCOME after HELLO, and for the router's GOODBYE after ours. */
    record Timeouts(Duration join, Duration leave) {
        static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    private final String realm;
    private final JoinOptions joinOptions;
    private final ClientRuntime runtime;
    private final SerialExecutor actor;
    private final SessionOwner owner;
    private final Timeouts timeouts;

    private volatile State state = State.CONNECTING;
    private volatile long id;
    private volatile String authid;
    private volatile String authrole;
    private volatile Map<String, Object> details = Map.of();

    // Actor-confined.
    private ClientTransport transport;
    private long lastRequestId;
    private CompletableFuture<Void> leaving;
    private ScheduledFuture<?> deadline;
    private String closeReason = SessionClosedException.TRANSPORT_LOST;
    private final CallerRole caller = new CallerRole(this);
    private final CalleeRole callee = new CalleeRole(this);
    private final PubSubRoles pubsub = new PubSubRoles(this);

    ClientSession(String realm, JoinOptions joinOptions, ClientRuntime runtime, SessionOwner owner, Timeouts timeouts) {
        this.realm = realm;
        this.joinOptions = joinOptions;
        this.runtime = runtime;
        this.owner = owner;
        this.timeouts = timeouts;
        this.actor = runtime.newSerialExecutor("session on " + realm);
    }

    SerialExecutor actor() {
        return actor;
    }

    ClientRuntime runtime() {
        return runtime;
    }

    /** Starts the session on a connection: sends HELLO; the owner hears how it went. */
    void open(ClientTransport connection) {
        actor.execute(() -> attach(connection));
    }

    private void attach(ClientTransport connection) {
        if (state != State.CONNECTING) {
            connection.close(); // left before the connection was up
            return;
        }
        transport = connection;
        state = State.JOINING;
        try {
            transport.send(Hellos.hello(realm, joinOptions));
        } catch (RuntimeException e) {
            joinFailed(e);
            return;
        }
        deadline = runtime.schedule(() -> actor.execute(this::joinTimedOut), timeouts.join().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    // ---- TransportHandler: any thread, never blocks ----

    @Override
    public void onMessage(Message message) {
        actor.execute(() -> handle(message));
    }

    @Override
    public void onClosed(Throwable cause) {
        actor.execute(() -> connectionClosed(cause));
    }

    // ---- inbound, on the actor ----

    private void handle(Message m) {
        switch (state) {
            case JOINING -> handleJoining(m);
            case OPEN -> handleOpen(m);
            case CLOSING -> handleClosing(m);
            default -> LOG.debug("Session {}: dropped {} (state {})", id, m, state);
        }
    }

    private void handleJoining(Message m) {
        if (m instanceof Welcome w) {
            welcomed(w);
        } else if (m instanceof Abort a) {
            joinFailed(abortError(a));
        } else if (m instanceof Challenge c) {
            String why = "this client does not support authentication method '" + c.authMethod() + "' yet";
            sendQuietly(new Abort(Map.of("message", why), WampErrors.NO_MATCHING_AUTH_METHOD));
            joinFailed(new WampException(WampErrors.NO_MATCHING_AUTH_METHOD, why));
        } else {
            protocolViolation("expected WELCOME, got " + m);
        }
    }

    private void handleOpen(Message m) {
        switch (m.type()) {
            case Result.TYPE -> caller.onResult((Result) m);
            case Error.TYPE -> onError((Error) m);
            case Registered.TYPE -> callee.onRegistered((Registered) m);
            case Unregistered.TYPE -> callee.onUnregistered((Unregistered) m);
            case Invocation.TYPE -> callee.onInvocation((Invocation) m);
            case Interrupt.TYPE -> callee.onInterrupt((Interrupt) m);
            case Subscribed.TYPE -> pubsub.onSubscribed((Subscribed) m);
            case Unsubscribed.TYPE -> pubsub.onUnsubscribed((Unsubscribed) m);
            case Event.TYPE -> pubsub.onEvent((Event) m);
            case Published.TYPE -> pubsub.onPublished((Published) m);
            case Goodbye.TYPE -> routerGoodbye((Goodbye) m);
            case Abort.TYPE -> routerAbort((Abort) m);
            default -> protocolViolation("message type " + m.type() + " is not valid in an open session");
        }
    }

    /** After our GOODBYE only the router's GOODBYE matters (spec: basic/session, closing a session). */
    private void handleClosing(Message m) {
        if (m instanceof Goodbye g) {
            closeReason = WampErrors.CLOSE_NORMAL;
            owner.left(this, g.reason());
            end("the session was left");
        } else if (m instanceof Abort a) {
            routerAbort(a);
        }
    }

    private void onError(Error e) {
        switch (e.requestType()) {
            case Call.TYPE -> caller.onError(e);
            case Register.TYPE, Unregister.TYPE -> callee.onError(e);
            case Subscribe.TYPE, Unsubscribe.TYPE, Publish.TYPE -> pubsub.onError(e);
            default -> LOG.warn("Session {}: the router answered a request with {}", id, e);
        }
    }

    private void welcomed(Welcome w) {
        ClientRuntime.cancel(deadline);
        id = w.session();
        details = w.details();
        authid = Wire.string(w.details(), "authid");
        authrole = Wire.string(w.details(), "authrole");
        state = State.OPEN;
        LOG.debug("Session {} joined realm '{}' as {}/{}", id, realm, authid, authrole);
        owner.joined(this);
    }

    private void routerGoodbye(Goodbye g) {
        sendQuietly(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        closeReason = g.reason();
        owner.left(this, g.reason());
        end("the router closed the session (" + g.reason() + ")");
    }

    private void routerAbort(Abort a) {
        closeReason = a.reason();
        owner.left(this, a.reason());
        end("the router aborted the session: " + abortError(a).getMessage());
    }

    private void protocolViolation(String why) {
        LOG.warn("Session {} on realm '{}': protocol violation by the router: {}", id, realm, why);
        sendQuietly(new Abort(Map.of("message", why), WampErrors.PROTOCOL_VIOLATION));
        if (state == State.JOINING) {
            joinFailed(new WampException(WampErrors.PROTOCOL_VIOLATION, why));
            return;
        }
        closeReason = WampErrors.PROTOCOL_VIOLATION;
        owner.left(this, WampErrors.PROTOCOL_VIOLATION);
        end("the router violated the protocol: " + why);
    }

    private void joinTimedOut() {
        if (state == State.JOINING) {
            joinFailed(new SessionClosedException(SessionClosedException.TRANSPORT_LOST,
                    "no WELCOME from the router within " + timeouts.join().toMillis() + " ms"));
        }
    }

    private void connectionClosed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        String what = cause == null ? "the router closed the connection" : "the connection was lost: " + cause;
        if (state == State.CONNECTING || state == State.JOINING) {
            joinFailed(new SessionClosedException(SessionClosedException.TRANSPORT_LOST, what));
        } else {
            end(what);
        }
    }

    private void joinFailed(Throwable cause) {
        state = State.CLOSED;
        ClientRuntime.cancel(deadline);
        if (transport != null) {
            transport.close();
        }
        completeLeaving();
        owner.joinFailed(this, cause);
    }

    /** The one way an open session ends: everything pending fails with {@code what} as the explanation. */
    private void end(String what) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        ClientRuntime.cancel(deadline);
        transport.close();
        SessionClosedException failure = new SessionClosedException(closeReason, "session " + id + " ended: " + what);
        caller.sessionEnded(failure);
        callee.sessionEnded(failure);
        pubsub.sessionEnded(failure);
        completeLeaving();
        LOG.debug("Session {} on realm '{}' ended: {}", id, realm, what);
        owner.ended(this);
    }

    private void completeLeaving() {
        if (leaving != null) {
            complete(leaving, null);
        }
    }

    private static WampException abortError(Abort a) {
        List<Object> args = a.args();
        if ((args == null || args.isEmpty()) && a.details().get("message") instanceof String text) {
            args = List.of(text); // the message of a router ABORT travels in Details.message
        }
        return new WampException(a.reason(), args, a.kwargs());
    }

    // ---- leaving ----

    /** Sends GOODBYE (or gives up joining); completes when the session is closed. */
    CompletableFuture<Void> goodbye() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        actor.execute(() -> startLeaving(done));
        return done;
    }

    private void startLeaving(CompletableFuture<Void> done) {
        switch (state) {
            case CLOSED -> complete(done, null);
            case CLOSING -> leaving.whenComplete((v, e) -> done.complete(null));
            case OPEN -> {
                leaving = done;
                state = State.CLOSING;
                sendQuietly(new Goodbye(Map.of(), WampErrors.CLOSE_NORMAL));
                deadline = runtime.schedule(() -> actor.execute(this::leaveTimedOut), timeouts.leave().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            default -> {
                leaving = done;
                joinFailed(new SessionClosedException(WampErrors.CLOSE_NORMAL, "left before the session opened"));
            }
        }
    }

    private void leaveTimedOut() {
        if (state == State.CLOSING) {
            closeReason = WampErrors.CLOSE_NORMAL;
            end("the router did not answer GOODBYE within " + timeouts.leave().toMillis() + " ms");
        }
    }

    // ---- helpers for the roles, on the actor ----

    /** Request ids have session scope and count up from 1 (spec: basic/building_blocks, IDs). */
    long nextRequestId() {
        return ++lastRequestId;
    }

    /** Whether requests may be sent now; otherwise fails {@code future} saying why. */
    boolean requireOpen(CompletableFuture<?> future, String what) {
        if (state == State.OPEN) {
            return true;
        }
        fail(future, new SessionClosedException(closeReason, "session " + id + " is not open (" + state.name()
                .toLowerCase() + "): cannot " + what));
        return false;
    }

    /** Sends a request; when it cannot go out (e.g. too long for the router), fails {@code future} instead. */
    boolean sendRequest(Message m, CompletableFuture<?> future) {
        try {
            transport.send(m);
            return true;
        } catch (RuntimeException e) {
            fail(future, e);
            return false;
        }
    }

    /** Sends a message nobody waits for; failures are logged (a lost connection is reported separately). */
    void sendQuietly(Message m) {
        try {
            if (transport != null) {
                transport.send(m);
            }
        } catch (RuntimeException e) {
            LOG.warn("Session {}: could not send {}: {}", id, m.type(), e.getMessage());
        }
    }

    /** Sends a message; throws what the transport throws (used where the caller has a fallback). */
    void send(Message m) {
        transport.send(m);
    }

    <T> void complete(CompletableFuture<T> future, T value) {
        runtime.execute(() -> future.complete(value));
    }

    void fail(CompletableFuture<?> future, Throwable error) {
        runtime.execute(() -> future.completeExceptionally(error));
    }

    // ---- WampSession: any thread ----

    @Override
    public long id() {
        return id;
    }

    @Override
    public String realm() {
        return realm;
    }

    @Override
    public String authid() {
        return authid;
    }

    @Override
    public String authrole() {
        return authrole;
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public CompletableFuture<Registration> register(String procedure, Procedure handler, RegisterOptions options) {
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Registration> future = new CompletableFuture<>();
        actor.execute(() -> callee.register(procedure, handler, options, future));
        return future;
    }

    @Override
    public CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs,
            CallOptions options) {
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(options, "options");
        CallFuture future = new CallFuture(this, options.cancelMode());
        List<Object> a = Wire.args(args);
        Map<String, Object> kw = Wire.kwargs(kwargs);
        actor.execute(() -> caller.call(procedure, a, kw, options, future));
        return future;
    }

    @Override
    public boolean cancel(CompletableFuture<CallResult> call, CancelMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (!(call instanceof CallFuture f) || f.session() != this || f.isDone()) {
            return false;
        }
        sendCancel(f, mode);
        return true;
    }

    void sendCancel(CallFuture future, CancelMode mode) {
        actor.execute(() -> caller.cancel(future, mode));
    }

    @Override
    public CompletableFuture<Subscription> subscribe(String topic, EventHandler handler, SubscribeOptions options) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Subscription> future = new CompletableFuture<>();
        actor.execute(() -> pubsub.subscribe(topic, handler, options, future));
        return future;
    }

    @Override
    public CompletableFuture<Publication> publish(String topic, List<?> args, Map<String, ?> kwargs,
            PublishOptions options) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Publication> future = new CompletableFuture<>();
        List<Object> a = Wire.args(args);
        Map<String, Object> kw = Wire.kwargs(kwargs);
        actor.execute(() -> pubsub.publish(topic, a, kw, options, future));
        return future;
    }

    @Override
    public CompletableFuture<Void> leave() {
        return owner.stop();
    }

    @Override
    public String toString() {
        return "ClientSession[" + id + ", realm=" + realm + ", " + state + ", " + caller + ", " + callee + ", "
                + pubsub + "]";
    }
}
