package dev.switchboard.transport.rawsocket;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.thread.SerializedInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;

/**
 * One WAMP-over-RawSocket connection: Jetty's endpoint on one side, the router's {@link Peer} on the other.
 *
 * <p>Inbound, bytes are read on demand only into one pooled read buffer, held only while it has unparsed bytes;
 * the {@link InboundParser} turns them into the handshake and frames, and reading goes on only while the router asks
 * for more. Reading, and every call into the {@link RouterSession}, run through one {@link SerializedInvoker}, so
 * the router sees one call at a time, in order, even when a close races a message being read. Outbound, frames go
 * through a bounded {@link OutboundQueue}, written by the connection's executor, never by the router's thread; a
 * peer that falls behind is closed, never buffered without bound.
 *
 * <p>Closing: {@link #close()} (and every refusal) writes what is queued, shuts the output and reads on, discarding,
 * until the peer closes its end or the close timeout passes; a protocol error or a slow consumer closes at once.
 * Either way Jetty calls {@link #onClose} once, which tells the router {@link RouterSession#closed()}.
 */
final class RawSocketConnection extends AbstractConnection implements Peer, InboundParser.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(RawSocketConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    /** Reads need no more: a frame that does not fit is assembled separately, see {@link PayloadAssembler}. */
    static final int READ_BUFFER_SIZE = 16 * 1024;

    private final long id = IDS.incrementAndGet();
    private final RawSocketListener listener;
    private final RawSocketSettings settings;
    private final String listenerAddress;
    private final Scheduler scheduler;
    private final ByteBufferPool bufferPool;
    private final OutboundQueue outbound;
    private final ReadGate readGate = new ReadGate();
    private final SerializedInvoker readerAndRouterCalls = new SerializedInvoker(RawSocketConnection.class);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean routerToldClosed = new AtomicBoolean();
    private final AtomicLong droppedEvents = new AtomicLong();

    // Confined to readerAndRouterCalls.
    private final InboundParser parser;
    private RetainableByteBuffer readBuffer;
    private boolean discardInput;
    private boolean released;
    private boolean admitted;

    // Set once by the handshake, read by any thread.
    private volatile Serializer serializer;
    private volatile int clientMaxLength;
    private volatile RouterSession routerSession;
    private volatile TransportDetails details;
    private volatile boolean handshakeDone;

    private volatile boolean awaitingPong;
    private volatile Scheduler.Task handshakeTimeoutTask;
    private volatile Scheduler.Task pingTask;
    private volatile Scheduler.Task closeTimeoutTask;
    private volatile Scheduler.Task violationCloseTask;

    RawSocketConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, ByteBufferPool bufferPool,
                        RawSocketListener listener, String listenerAddress) {
        super(endPoint, executor);
        this.listener = listener;
        this.settings = listener.settings();
        this.listenerAddress = listenerAddress;
        this.scheduler = scheduler;
        this.bufferPool = bufferPool;
        this.parser = new InboundParser(settings.maxMessageSize(), this);
        this.outbound = new OutboundQueue(endPoint, executor, settings.maxPendingBytes(), this::outputFinished,
                this::writeFailed);
    }

    // ---- Jetty: lifecycle ----

    @Override
    public void onOpen() {
        super.onOpen();
        listener.opened(this);
        handshakeTimeoutTask = scheduler.schedule(this::handshakeTimedOut, settings.handshakeTimeout());
        fillInterested();
    }

    @Override
    public void onFillable() {
        readerAndRouterCalls.run(this::readAndDeliver);
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        LOG.debug("closing {}: idle for {}", describe(), settings.idleTimeout());
        closeNow();
        return false; // closed already; Jetty need not fail reads and writes
    }

    /** Called by Jetty exactly once, whoever closed the endpoint and however. */
    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        closing.set(true);
        cancel(handshakeTimeoutTask);
        cancel(pingTask);
        cancel(closeTimeoutTask);
        cancel(violationCloseTask);
        outbound.discard();
        listener.closed(this);
        LOG.debug("{} closed{}", describe(), cause == null ? "" : ": " + cause);
        readerAndRouterCalls.run(this::afterClose);
    }

    // ---- Peer: called by the router, from any thread ----

    @Override
    public void send(Message message) {
        if (closing.get()) {
            LOG.debug("dropping {} for closing connection {}", message, describe());
            return;
        }
        // Shared with every other peer on this serializer. A payload the serializer cannot express throws: the
        // router drops that message for this peer and the connection stays.
        byte[] bytes = message.encodedWith(serializer);
        if (bytes.length > clientMaxLength) {
            sendInsteadOfOversize(message, bytes.length);
            return;
        }
        enqueue(FrameHeader.MESSAGE, bytes);
    }

    @Override
    public boolean canReceive(Message message) {
        Serializer chosen = serializer;
        if (chosen == null) {
            return true;
        }
        try {
            return message.encodedWith(chosen).length <= clientMaxLength;
        } catch (RuntimeException e) {
            return true; // not a size problem: send() reports it
        }
    }

    /**
     * Writes what is queued, then closes; see the class comment. Also overrides {@code AbstractConnection.close()},
     * so a close requested through Jetty is graceful as well.
     */
    @Override
    public void close() {
        closeAfterFlush();
    }

    @Override
    public void resumeReading() {
        if (readGate.resume()) {
            readOnAnotherThread();
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

    /** Listener stopping: write what is queued and close. */
    void shutdown() {
        closeAfterFlush();
    }

    // ---- reading (all in readerAndRouterCalls) ----

    private void readAndDeliver() {
        try {
            while (!released) {
                if (!parser.parse(readBuffer == null ? BufferUtil.EMPTY_BUFFER : readBuffer.getByteBuffer())) {
                    releaseReadBufferIfEmpty();
                    return; // paused by the router, or failed and closing
                }
                int filled = fill();
                if (filled > 0) {
                    continue;
                }
                releaseReadBufferIfEmpty(); // an idle connection holds no buffer
                if (filled == 0) {
                    fillInterested();
                } else {
                    onEndOfInput();
                }
                return;
            }
        } catch (IOException e) { // reset by the peer and the like
            LOG.debug("reading from {} failed", describe(), e);
            getEndPoint().close(e);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure reading from {}; closing it", describe(), e);
            closeNow();
        }
    }

    /** Not on the caller's thread: that is the router's, and reading and decoding are transport work. */
    private void readOnAnotherThread() {
        try {
            getExecutor().execute(() -> readerAndRouterCalls.run(this::readAndDeliver));
        } catch (RejectedExecutionException stopping) {
            LOG.debug("{}: listener stopping, not reading on", describe());
        }
    }

    private int fill() throws IOException {
        if (readBuffer == null) {
            readBuffer = bufferPool.acquire(READ_BUFFER_SIZE, false); // heap: frames are decoded from its array
        }
        ByteBuffer buffer = readBuffer.getByteBuffer();
        BufferUtil.compact(buffer); // parsing leaves at most a partial header (< 4 bytes) behind
        return getEndPoint().fill(buffer);
    }

    @Override
    public boolean onFrame(int type, byte[] bytes, int offset, int length) {
        switch (type) {
            case FrameHeader.MESSAGE -> {
                return deliver(bytes, offset, length);
            }
            case FrameHeader.PING -> {
                // Spec: answer each PING with exactly one PONG echoing its payload, and never send more than the
                // client accepts. The payload is copied because the read buffer is reused.
                if (length > clientMaxLength) {
                    LOG.info("closing {}: PING of {} bytes; the PONG would exceed the {} bytes the client accepts",
                            describe(), length, clientMaxLength);
                    closeNow();
                    return false;
                }
                enqueue(FrameHeader.PONG, Arrays.copyOfRange(bytes, offset, offset + length));
                return true;
            }
            default -> { // PONG: the parser lets no other type through
                awaitingPong = false;
                return true;
            }
        }
    }

    @Override
    public void onInvalidFrame(String problem) {
        LOG.info("closing {}: {}", describe(), problem);
        closeNow();
    }

    @Override
    public boolean isDiscarding() {
        return discardInput || closing.get();
    }

    private boolean deliver(byte[] bytes, int offset, int length) {
        Message message;
        try {
            message = serializer.decode(bytes, offset, length);
        } catch (DecodeException e) {
            return reportViolation(e.getMessage());
        } catch (RuntimeException e) { // a serializer bug must not kill the connection silently
            LOG.debug("serializer {} failed on input from {}", serializer.name(), describe(), e);
            return reportViolation("undecodable message: " + e);
        }
        readGate.beginDelivery();
        boolean wantsMore;
        try {
            wantsMore = routerSession.receive(message);
        } catch (RuntimeException e) {
            LOG.warn("router failed on {} from {}; closing it", message, describe(), e);
            closeNow();
            return false;
        }
        return readGate.endDelivery(wantsMore);
    }

    /**
     * The router answers ABORT and closes the peer (spec: protocol errors drop the transport). Until then, input is
     * discarded; should the router not close, the close timeout does.
     */
    private boolean reportViolation(String reason) {
        LOG.debug("protocol violation by {}: {}", describe(), reason);
        discardInput = true;
        routerSession.protocolViolation(reason);
        violationCloseTask = scheduler.schedule(this::closeAfterFlush, settings.closeTimeout());
        return true;
    }

    /** The peer shut its output: send what is queued, then close (RawSocket has no half-open state). */
    private void onEndOfInput() {
        LOG.debug("{} reached end of input", describe());
        closeAfterFlush();
    }

    /** Runs in readerAndRouterCalls after Jetty closed the endpoint: nothing reads any more. */
    private void afterClose() {
        released = true;
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
        if (admitted) { // here, not in onClose: serialised with the handshake, so never missed
            listener.releaseAdmission();
        }
        RouterSession session = routerSession;
        if (session != null && routerToldClosed.compareAndSet(false, true)) {
            session.closed();
        }
    }

    private void releaseReadBufferIfEmpty() {
        if (readBuffer != null && !readBuffer.hasRemaining()) {
            readBuffer.release();
            readBuffer = null;
        }
    }

    // ---- handshake ----

    @Override
    public boolean onHandshake(int octets) {
        handshakeDone = true;
        cancel(handshakeTimeoutTask);
        Handshake.Request request = Handshake.Request.parse(octets);
        if (request.magic() != Handshake.MAGIC) {
            LOG.info("closing {}: not a RawSocket client (first octet 0x{})", describe(),
                    Integer.toHexString(request.magic()));
            closeNow();
            return false;
        }
        if (request.reservedOctets() != 0) {
            return refuse(Handshake.Refusal.RESERVED_BITS_USED, "reserved handshake octets are not zero");
        }
        Serializer chosen = listener.serializerFor(request.serializerId());
        if (chosen == null) {
            return refuse(Handshake.Refusal.SERIALIZER_UNSUPPORTED,
                    "serializer id " + request.serializerId() + " is not available");
        }
        if (!listener.tryAdmit()) {
            return refuse(Handshake.Refusal.MAX_CONNECTION_COUNT_REACHED,
                    "maximum connection count " + settings.maxConnections() + " reached");
        }
        admitted = true;
        serializer = chosen;
        clientMaxLength = request.maxLength();
        details = new TransportDetails("rawsocket", listenerAddress, describePeer(getEndPoint().getRemoteSocketAddress()),
                chosen.name(), settings.auth().isEmpty() ? null : settings.auth());
        outbound.offerHandshakeReply(Handshake.accept(settings.maxMessageExponent(), request.serializerId()));
        try {
            routerSession = listener.router().connect(this);
        } catch (RuntimeException e) {
            LOG.warn("router refused connection {}", describe(), e);
            closeNow();
            return false;
        }
        schedulePing();
        return true;
    }

    private boolean refuse(Handshake.Refusal refusal, String why) {
        LOG.info("refusing {}: {}", describe(), why);
        outbound.offerHandshakeReply(Handshake.refuse(refusal));
        closeAfterFlush();
        return true; // read on, discarding, to notice the peer's close
    }

    private void handshakeTimedOut() {
        if (!handshakeDone) {
            LOG.info("closing {}: no handshake within {}", describe(), settings.handshakeTimeout());
            closeNow();
        }
    }

    // ---- writing ----

    private void sendInsteadOfOversize(Message message, int length) {
        OversizeReplacement.Outcome outcome = OversizeReplacement.decide(message, length, clientMaxLength);
        switch (outcome.decision()) {
            case DROP -> {
                // WARN once per connection, then DEBUG: a busy topic must not flood the log; describe() counts them.
                boolean first = droppedEvents.incrementAndGet() == 1;
                if (first || LOG.isDebugEnabled()) {
                    String line = "dropping message type {} of {} bytes for {}: the client accepts at most {} bytes";
                    if (first) {
                        LOG.warn(line, message.type(), length, describe(), clientMaxLength);
                    } else {
                        LOG.debug(line, message.type(), length, describe(), clientMaxLength);
                    }
                }
            }
            case REPLACE -> {
                LOG.info("replacing message type {} of {} bytes for {} with ERROR {}: the client accepts at most {} "
                        + "bytes", message.type(), length, describe(), outcome.replacement(), clientMaxLength);
                byte[] replacement = outcome.replacement().encodedWith(serializer);
                if (replacement.length > clientMaxLength) { // cannot happen above 512 bytes, but never violate the limit
                    closeNow();
                    return;
                }
                enqueue(FrameHeader.MESSAGE, replacement);
            }
            case CLOSE -> {
                LOG.warn("closing {}: message type {} of {} bytes exceeds the {} bytes the client accepts",
                        describe(), message.type(), length, clientMaxLength);
                closeNow();
            }
        }
    }

    private void enqueue(int type, byte[] payload) {
        switch (outbound.offerFrame(type, payload)) {
            case QUEUED -> { }
            case OVER_BUDGET -> closeSlowConsumer();
            case CLOSED -> LOG.debug("dropping {} frame for closing connection {}", FrameHeader.typeName(type),
                    describe());
        }
    }

    private void closeSlowConsumer() {
        String before = describe();
        if (closeNow()) {
            LOG.warn("slow consumer: closing {}: the next frame would exceed maxPendingBytes {}", before,
                    settings.maxPendingBytes());
        }
    }

    private void writeFailed(Throwable cause) {
        LOG.debug("writing to {} failed", describe(), cause);
        closeNow();
    }

    // ---- closing ----

    /**
     * Starts a graceful close: queued frames are written, then the output is shut; reading goes on (discarding)
     * until the peer closes its end, so that it reads everything we sent instead of a reset. Bounded by the close
     * timeout.
     */
    private void closeAfterFlush() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        cancel(pingTask);
        closeTimeoutTask = scheduler.schedule(this::closeTimedOut, settings.closeTimeout());
        outbound.finish();
        if (readGate.resume()) { // the router had paused reading: read on to see the peer's close
            readOnAnotherThread();
        }
    }

    private void outputFinished() {
        getEndPoint().shutdownOutput(); // Jetty closes the endpoint once the input has ended too
    }

    private void closeTimedOut() {
        if (getEndPoint().isOpen()) {
            LOG.debug("closing {}: the close did not complete within {}", describe(), settings.closeTimeout());
            getEndPoint().close();
        }
    }

    /**
     * Closes at once, dropping what is queued.
     *
     * @return {@code false} when a close had started already
     */
    private boolean closeNow() {
        boolean first = closing.compareAndSet(false, true);
        outbound.discard();
        getEndPoint().close();
        return first;
    }

    // ---- PING ----

    private void schedulePing() {
        if (!settings.pingInterval().isZero() && !closing.get()) {
            pingTask = scheduler.schedule(this::ping, settings.pingInterval());
        }
    }

    private void ping() {
        if (closing.get()) {
            return;
        }
        if (awaitingPong) {
            LOG.info("closing {}: no PONG within {}", describe(), settings.pingInterval());
            closeNow();
            return;
        }
        awaitingPong = true;
        enqueue(FrameHeader.PING, ByteBuffer.allocate(Long.BYTES).putLong(0, System.nanoTime()).array());
        schedulePing();
    }

    // ---- helpers ----

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

    /** For logs: {@code rawsocket#12[tcp4:127.0.0.1:5123 via rawsocket://127.0.0.1:8081, json, ...]}. */
    String describe() {
        TransportDetails d = details;
        return "rawsocket#" + id + "[" + (d == null ? "handshake" : d.peerAddress() + ", " + d.serializer())
                + " via " + listenerAddress + ", " + outbound + ", reading " + readGate
                + (droppedEvents.get() > 0 ? ", " + droppedEvents.get() + " events dropped" : "")
                + (closing.get() ? ", closing" : "") + "]";
    }

    @Override
    public String toConnectionString() {
        return describe();
    }
}
