package dev.switchboard.client.internal;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process connection: messages are handed over as objects, never serialized. The router calls the
 * {@link Peer} methods from its realm threads; they only queue work on the session's actor. The session's actor
 * is the only thread that calls the {@link RouterSession}, which gives the one-thread-at-a-time order it requires.
 * When the router asks us to stop (its inbox for this session is full), outgoing messages wait here until it
 * resumes reading: the backlog holds only what this application itself sent meanwhile.
 */
final class LocalTransport implements ClientTransport {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTransport.class);
    private static final TransportDetails DETAILS = new TransportDetails("local", "local", "local:client", null);

    private final TransportHandler handler;
    private final Executor sessionActor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RouterSession routerSession;

    // Actor-confined.
    private boolean paused;
    private final Queue<Message> backlog = new ArrayDeque<>();

    private LocalTransport(TransportHandler handler, Executor sessionActor) {
        this.handler = handler;
        this.sessionActor = sessionActor;
    }

    static LocalTransport open(Router router, TransportHandler handler, Executor sessionActor) {
        LocalTransport transport = new LocalTransport(handler, sessionActor);
        transport.routerSession = router.connect(transport.new RouterFacingPeer());
        return transport;
    }

    // ---- ClientTransport, on the session's actor ----

    @Override
    public void send(Message message) {
        if (closed.get()) {
            return;
        }
        if (paused || !backlog.isEmpty()) {
            backlog.add(message);
        } else {
            deliver(message);
        }
    }

    private void deliver(Message message) {
        if (!routerSession.receive(message)) {
            paused = true;
        }
    }

    private void resume() {
        paused = false;
        Message next;
        while (!paused && !closed.get() && (next = backlog.poll()) != null) {
            deliver(next);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            backlog.clear();
            tellRouterClosed();
        }
    }

    /** Tolerates a router that already shut down its realm threads (it has nothing left to free then). */
    private void tellRouterClosed() {
        try {
            routerSession.closed();
        } catch (RuntimeException e) {
            LOG.debug("The router could not take note of the closed connection: {}", e.toString());
        }
    }

    /** What the router sees; a separate object because Peer.send and ClientTransport.send share a signature. */
    private final class RouterFacingPeer implements Peer {

        @Override
        public void send(Message message) {
            handler.onMessage(message);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                sessionActor.execute(LocalTransport.this::tellRouterClosed); // one thread at a time, as RouterSession wants
                handler.onClosed(null);
            }
        }

        @Override
        public void resumeReading() {
            sessionActor.execute(LocalTransport.this::resume);
        }

        @Override
        public TransportDetails details() {
            return DETAILS;
        }
    }

    @Override
    public String toString() {
        return "LocalTransport[" + (closed.get() ? "closed" : "open") + (paused ? ", paused" : "") + "]";
    }
}
