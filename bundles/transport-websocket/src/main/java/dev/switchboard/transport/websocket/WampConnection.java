package dev.switchboard.transport.websocket;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.thread.SerializedInvoker;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.transport.websocket.MessageAssembler.AssembledMessage;

/**
 * One WAMP connection over WebSocket: Jetty's frame handler on one side, the router's {@link Peer} on the other.
 *
 * <p>Inbound, frames are read on demand only: the next frame is demanded after a message was handed to the router
 * and it asked for more, so a busy realm slows the socket down instead of buffering. Outbound, messages are queued
 * here within an {@link OutboundBudget} (a peer that falls behind is closed, never buffered without bound) and
 * handed to Jetty by the connection's executor in bursts: the router's thread, usually a realm's routing actor,
 * never writes to the socket itself, and a burst becomes one batched write. The close frame travels through the
 * same queue, so it always follows the messages sent before it.
 *
 * <p>Calls into the {@link RouterSession} go through one {@link SerializedInvoker}: the router sees them one at a
 * time and in order even when a close (from a writer or the idle timeout) races a message being read.
 */
final class WampConnection implements FrameHandler, Peer {

    private static final Logger LOG = LoggerFactory.getLogger(WampConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ListenerSettings settings;
    private final Router router;
    private final Serializer serializer;
    private final String listenerAddress;
    private final Scheduler scheduler;
    private final Set<WampConnection> openConnections;
    private final ConnectionLimit.Slot slot;
    private final MessageAssembler assembler;
    private final OutboundBudget outbound;
    private final Executor executor;
    private final Queue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();
    /** A flush is handed to the executor or running: senders need not hand over another. */
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Runnable flush = this::flushOutgoing;
    private final ReadGate readGate = new ReadGate();
    private final SerializedInvoker routerCalls = new SerializedInvoker(WampConnection.class);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean connectionGone = new AtomicBoolean();
    private final AtomicBoolean routerToldClosed = new AtomicBoolean();

    private volatile CoreSession coreSession;
    private volatile RouterSession routerSession;
    private volatile TransportDetails details;
    private volatile Scheduler.Task pingTask;
    private volatile Scheduler.Task abortTask;
    private volatile boolean jettyReportedClosed;

    /** @param slot this connection's place under maxConnections, given back when it closes */
    WampConnection(ListenerSettings settings, Router router, Serializer serializer, String listenerAddress,
                   Executor executor, Scheduler scheduler, Set<WampConnection> openConnections,
                   ConnectionLimit.Slot slot) {
        this.settings = settings;
        this.router = router;
        this.serializer = serializer;
        this.listenerAddress = listenerAddress;
        this.executor = executor;
        this.scheduler = scheduler;
        this.openConnections = openConnections;
        this.slot = slot;
        this.assembler = new MessageAssembler(settings.maxMessageSize());
        this.outbound = new OutboundBudget(settings.maxPendingBytes());
    }

    // ---- Jetty FrameHandler: called by Jetty, one frame at a time ----

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        coreSession = session;
        slot.opened();
        details = new TransportDetails("websocket", listenerAddress, describePeer(session.getRemoteAddress()),
                serializer.name(), settings.auth().isEmpty() ? null : settings.auth());
        openConnections.add(this);
        try {
            routerSession = router.connect(this);
        } catch (RuntimeException e) {
            LOG.warn("router refused connection {}", this, e);
            callback.failed(e); // Jetty closes with 1011; onClosed follows
            return;
        }
        if (connectionGone.get()) {
            tellRouterClosed(); // it went while the router was still connecting it
        }
        callback.succeeded();
        schedulePing();
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> onDataFrame(frame, callback);
            case OpCode.CLOSE -> callback.succeeded(); // Jetty completes the close handshake, then onClosed
            default -> { // PING (Jetty answers with PONG when the callback completes) or PONG
                callback.succeeded();
                coreSession.demand();
            }
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("connection {} failed", this, cause);
        callback.succeeded(); // onClosed follows
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        LOG.debug("connection {} closed: {}", this, closeStatus);
        jettyReportedClosed = true;
        closing.set(true);
        cancel(pingTask);
        cancel(abortTask);
        tellRouterClosed();
        openConnections.remove(this); // after telling the router: a count of zero means all sessions are freed
        slot.release();
        callback.succeeded();
    }

    // ---- Peer: called by the router, from any thread ----

    @Override
    public void send(Message message) {
        if (closing.get()) {
            LOG.debug("dropping {} for closing connection {}", message, this);
            return;
        }
        byte[] bytes;
        try {
            bytes = message.encodedWith(serializer); // shared with every other peer on this serializer
        } catch (RuntimeException e) {
            LOG.warn("cannot encode {} for {}; closing it", message, this, e);
            closeFromTransport(CloseStatus.SERVER_ERROR, "cannot encode message");
            return;
        }
        long charge = outbound.tryReserve(bytes.length);
        if (charge < 0) {
            closeSlowConsumer();
            return;
        }
        enqueue(new Outgoing(outbound, bytes, charge));
    }

    @Override
    public void close() {
        startClose(CloseStatus.NORMAL, null, false);
    }

    @Override
    public void resumeReading() {
        if (readGate.resume()) {
            coreSession.demand();
        }
    }

    @Override
    public long pendingOutboundBytes() {
        return outbound.pendingBytes();
    }

    @Override
    public TransportDetails details() {
        return details;
    }

    // ---- used by the listener ----

    /** Server shutdown: WebSocket close 1001, and the router forgets the session now. */
    void goingAway() {
        closeFromTransport(CloseStatus.SHUTDOWN, "server shutting down");
    }

    // ---- inbound ----

    private void onDataFrame(Frame frame, Callback callback) {
        if (closing.get()) { // draining until the peer's CLOSE arrives
            callback.succeeded();
            coreSession.demand();
            return;
        }
        MessageAssembler.Outcome outcome = assembler.append(frame);
        callback.succeeded(); // the payload has been copied
        switch (outcome) {
            case INCOMPLETE -> coreSession.demand();
            case COMPLETE -> {
                AssembledMessage message = assembler.take();
                routerCalls.run(() -> deliver(message));
            }
            case TOO_LARGE -> {
                LOG.info("closing {}: message larger than maxMessageSize {} bytes", this, settings.maxMessageSize());
                closeFromTransport(CloseStatus.MESSAGE_TOO_LARGE, "message too large");
                coreSession.demand();
            }
            case OUT_OF_SEQUENCE -> {
                closeFromTransport(CloseStatus.PROTOCOL, "unexpected " + OpCode.name(frame.getOpCode()) + " frame");
                coreSession.demand();
            }
        }
    }

    /** Runs in {@link #routerCalls}. Owns the next demand: the router decides when reading goes on. */
    private void deliver(AssembledMessage assembled) {
        if (closing.get()) {
            coreSession.demand(); // keep reading until the peer's CLOSE arrives
            return;
        }
        if (assembled.text() == serializer.binary()) {
            reportViolation((assembled.text() ? "text" : "binary") + " message on " + serializer.subprotocol());
            return;
        }
        Message message;
        try {
            message = serializer.decode(assembled.bytes(), 0, assembled.bytes().length);
        } catch (DecodeException e) {
            reportViolation(e.getMessage());
            return;
        } catch (RuntimeException e) { // a serializer bug must not kill the connection silently
            LOG.debug("serializer {} failed on input from {}", serializer.name(), this, e);
            reportViolation("undecodable message: " + e);
            return;
        }
        readGate.beginDelivery();
        if (readGate.endDelivery(receive(message))) {
            coreSession.demand();
        }
    }

    private boolean receive(Message message) {
        try {
            return routerSession.receive(message);
        } catch (RuntimeException e) {
            LOG.warn("router failed on {} from {}; closing it", message, this, e);
            closeFromTransport(CloseStatus.SERVER_ERROR, "internal error");
            return true; // read on to drain until the peer's CLOSE
        }
    }

    /**
     * The router answers ABORT and closes the peer (spec: protocol errors drop the transport). Reading stays paused
     * until that close resumes it to drain the peer's CLOSE.
     */
    private void reportViolation(String reason) {
        readGate.beginDelivery();
        routerSession.protocolViolation(reason);
        if (readGate.endDelivery(false)) {
            coreSession.demand();
        }
    }

    // ---- outbound ----

    /**
     * One message to send, or the close frame that ends them. It is its own Jetty callback, giving its budget back
     * once written or failed.
     */
    private static final class Outgoing implements Callback {
        final OutboundBudget budget;
        final byte[] payload; // null for the close frame
        final long charge;
        final int closeCode;
        final String closeReason;

        Outgoing(OutboundBudget budget, byte[] payload, long charge) {
            this(budget, payload, charge, 0, null);
        }

        private Outgoing(OutboundBudget budget, byte[] payload, long charge, int closeCode, String closeReason) {
            this.budget = budget;
            this.payload = payload;
            this.charge = charge;
            this.closeCode = closeCode;
            this.closeReason = closeReason;
        }

        static Outgoing close(int code, String reason) {
            return new Outgoing(null, null, 0, code, reason);
        }

        @Override
        public void succeeded() {
            if (budget != null) {
                budget.release(charge);
            }
        }

        @Override
        public void failed(Throwable cause) {
            succeeded();
        }
    }

    /** Frames handed to Jetty per flush before the thread is given back to other connections. */
    private static final int MAX_FRAMES_PER_FLUSH = 256;

    private void enqueue(Outgoing item) {
        outgoing.add(item);
        if (flushing.compareAndSet(false, true)) {
            handOverFlush();
        }
    }

    private void handOverFlush() {
        try {
            executor.execute(flush);
        } catch (RejectedExecutionException stopping) {
            flushOutgoing(); // the listener is stopping: hand what is left to Jetty on this thread
        }
    }

    /**
     * Runs on the executor, one at a time per connection. Every frame but the last of a burst is sent as a batch
     * frame: Jetty aggregates them and writes the burst at once when the last one comes.
     */
    private void flushOutgoing() {
        byte opCode = serializer.binary() ? OpCode.BINARY : OpCode.TEXT;
        int handed = 0;
        while (true) {
            Outgoing next = outgoing.poll();
            while (next != null) {
                Outgoing current = next;
                next = handed < MAX_FRAMES_PER_FLUSH ? outgoing.poll() : null;
                handed++;
                if (current.payload == null) {
                    coreSession.close(current.closeCode, current.closeReason, Callback.NOOP);
                } else {
                    coreSession.sendFrame(new Frame(opCode, ByteBuffer.wrap(current.payload)), current, next != null);
                }
            }
            if (handed >= MAX_FRAMES_PER_FLUSH && !outgoing.isEmpty()) {
                handOverFlush(); // fairness: go on later, still marked as flushing
                return;
            }
            flushing.set(false);
            // A message added after the last poll saw flushing == true and did not hand over: take it.
            if (outgoing.isEmpty() || !flushing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** Gives back the budget of every message not yet handed to Jetty (a slow consumer is closed at once). */
    private void discardOutgoing() {
        Outgoing dropped;
        while ((dropped = outgoing.poll()) != null) {
            dropped.succeeded();
        }
    }

    // ---- closing ----

    private void closeSlowConsumer() {
        long pending = outbound.pendingBytes();
        if (startClose(CloseStatus.POLICY_VIOLATION, "slow consumer", true)) {
            LOG.warn("slow consumer: closing session {} with {} bytes pending", label(), pending);
            tellRouterClosed();
        }
    }

    /** A close decided by the transport itself: the router learns it at once, not after the close handshake. */
    private void closeFromTransport(int code, String reason) {
        if (startClose(code, reason, false)) {
            tellRouterClosed();
        }
    }

    /**
     * Queues a CLOSE frame behind what is already queued (or instead of it), keeps reading to see the peer's CLOSE,
     * and aborts the connection if the handshake does not finish within the close timeout.
     *
     * @return {@code false} if a close had already started
     */
    private boolean startClose(int code, String reason, boolean discardQueued) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        cancel(pingTask);
        abortTask = scheduler.schedule(this::abortUnfinishedClose, settings.closeTimeout());
        if (discardQueued) {
            discardOutgoing();
        }
        enqueue(Outgoing.close(code, reason));
        if (readGate.resume()) {
            coreSession.demand();
        }
        return true;
    }

    /**
     * Not {@code coreSession.isClosed()}: Jetty marks a session closed as soon as a non-1000 CLOSE is queued, even
     * when that frame sits behind data a slow peer never reads.
     */
    private void abortUnfinishedClose() {
        if (!jettyReportedClosed) {
            LOG.debug("close handshake of {} timed out; aborting", this);
            coreSession.abort();
        }
    }

    /** Exactly once, even when the connection goes while {@code Router.connect} is still running. */
    private void tellRouterClosed() {
        connectionGone.set(true);
        RouterSession session = routerSession;
        if (session != null && routerToldClosed.compareAndSet(false, true)) {
            routerCalls.run(session::closed);
        }
    }

    // ---- helpers ----

    private void schedulePing() {
        if (!settings.autoPingInterval().isZero() && !closing.get()) {
            pingTask = scheduler.schedule(this::ping, settings.autoPingInterval());
        }
    }

    private void ping() {
        if (!closing.get()) {
            coreSession.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
            schedulePing();
        }
    }

    private static void cancel(Scheduler.Task task) {
        if (task != null) {
            task.cancel();
        }
    }

    /** {@code tcp4:127.0.0.1:51234}, {@code tcp6:[::1]:51234} or {@code unix}. */
    static String describePeer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress() instanceof Inet6Address
                    ? "tcp6:[" + inet.getAddress().getHostAddress() + "]:" + inet.getPort()
                    : "tcp4:" + inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return "unix";
    }

    /** Short identity for log lines, e.g. {@code websocket#7 tcp4:127.0.0.1:51234}. */
    private String label() {
        TransportDetails d = details;
        return "websocket#" + id + " " + (d == null ? "opening" : d.peerAddress());
    }

    @Override
    public String toString() {
        return label() + "[via " + listenerAddress + ", " + serializer.subprotocol() + ", " + outbound + ", reading "
                + readGate + (closing.get() ? ", closing" : "") + "]";
    }
}
