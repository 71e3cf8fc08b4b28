package dev.switchboard.transport.rawsocket;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * The frames waiting to be written to one connection, in order, bounded in bytes. Any thread may offer a frame;
 * one gathering write is in flight at a time and carries everything queued meanwhile (up to
 * {@link #MAX_FRAMES_PER_WRITE} frames), header and payload as separate buffers so payloads are never copied.
 *
 * <p>Offering never writes on the caller's thread: the caller is usually a realm's routing actor, which must not
 * spend its time in system calls, one per frame and subscriber. The first frame offered to an idle queue hands
 * the flush to the connection's executor; frames offered until that flush runs, or while a write is in flight,
 * go out with it in one gathering write.
 *
 * <p>Jetty's {@link IteratingCallback} serialises {@link #process()} and turns a write that completes on the
 * calling thread into iteration instead of recursion, as Jetty's own WebSocket {@code FrameFlusher} does.
 */
final class OutboundQueue extends IteratingCallback {

    /**
     * Memory a queued frame costs beyond its payload (header buffer, payload wrapper, queue entry): counted so that
     * many tiny frames are bounded as well as a few big ones. Same figure as the WebSocket transport.
     */
    static final int FRAME_OVERHEAD_BYTES = 128;
    /** Two buffers per frame; well below the kernel's 1024-buffer limit for one gathering write. */
    static final int MAX_FRAMES_PER_WRITE = 64;

    enum Offer {
        QUEUED,
        /** The frame would take the backlog above the limit: the peer does not read fast enough. */
        OVER_BUDGET,
        /** {@link #finish()} or {@link #discard()} was called: nothing more is sent. */
        CLOSED
    }

    /** @param payload {@code null} for the handshake reply, which has no frame header */
    private record Outgoing(ByteBuffer head, ByteBuffer payload, long charge) {}

    private final EndPoint endPoint;
    private final Executor executor;
    private final Runnable flush = this::iterate;
    private final long maxPendingBytes;
    private final Runnable onFinished;
    private final Consumer<Throwable> onWriteFailed;

    private final Object lock = new Object();
    private final ArrayDeque<Outgoing> queued = new ArrayDeque<>(); // guarded by lock
    private long pendingBytes; // guarded by lock; queued and in flight
    private boolean finishing; // guarded by lock
    private boolean discarded; // guarded by lock
    /** A flush is handed to the executor or running: offers need not hand over another. Guarded by lock. */
    private boolean flushing;

    /** Confined to process()/onSuccess(), which IteratingCallback never runs concurrently. */
    private final List<Outgoing> inFlight = new ArrayList<>(MAX_FRAMES_PER_WRITE);

    /**
     * @param onFinished    runs once everything queued before {@link #finish()} has been written
     * @param onWriteFailed runs when a write fails (the peer reset the connection, or it was closed)
     */
    OutboundQueue(EndPoint endPoint, Executor executor, long maxPendingBytes, Runnable onFinished,
                  Consumer<Throwable> onWriteFailed) {
        this.endPoint = endPoint;
        this.executor = executor;
        this.maxPendingBytes = maxPendingBytes;
        this.onFinished = onFinished;
        this.onWriteFailed = onWriteFailed;
    }

    /** Queues one frame; {@code payload} is not copied and must not change (it may be shared by many peers). */
    Offer offerFrame(int type, byte[] payload) {
        return offer(new Outgoing(FrameHeader.encode(type, payload.length), ByteBuffer.wrap(payload),
                (long) payload.length + FRAME_OVERHEAD_BYTES));
    }

    /** Queues the 4-octet handshake reply, which precedes all frames. */
    Offer offerHandshakeReply(ByteBuffer reply) {
        return offer(new Outgoing(reply, null, FRAME_OVERHEAD_BYTES));
    }

    private Offer offer(Outgoing outgoing) {
        boolean handOver;
        synchronized (lock) {
            if (finishing || discarded) {
                return Offer.CLOSED;
            }
            // A frame bigger than the limit still goes out on an idle connection: the limit bounds the backlog,
            // not the size of one message (that is maxMessageSize's job).
            if (pendingBytes > 0 && pendingBytes + outgoing.charge > maxPendingBytes) {
                return Offer.OVER_BUDGET;
            }
            pendingBytes += outgoing.charge;
            queued.add(outgoing);
            handOver = !flushing;
            flushing = true;
        }
        if (handOver) {
            handOverFlush();
        }
        return Offer.QUEUED;
    }

    /** Writes what is queued, refuses anything offered from now on, then runs {@code onFinished}. */
    void finish() {
        boolean handOver;
        synchronized (lock) {
            finishing = true;
            handOver = !flushing;
            flushing = true;
        }
        if (handOver) {
            handOverFlush();
        }
    }

    private void handOverFlush() {
        try {
            executor.execute(flush);
        } catch (RejectedExecutionException stopping) {
            iterate(); // the listener is stopping: write what is left on this thread
        }
    }

    /**
     * Drops what is queued (the connection is being closed hard). A write in flight fails when the endpoint
     * closes.
     */
    void discard() {
        synchronized (lock) {
            discarded = true;
            dropQueued();
        }
    }

    /** Guarded by lock. */
    private void dropQueued() {
        for (Outgoing dropped : queued) {
            pendingBytes -= dropped.charge;
        }
        queued.clear();
    }

    long pendingBytes() {
        synchronized (lock) {
            return pendingBytes;
        }
    }

    @Override
    protected Action process() {
        int buffers = 0;
        synchronized (lock) {
            if (discarded) {
                flushing = false;
                return Action.IDLE;
            }
            if (queued.isEmpty()) {
                flushing = false; // the next offer hands over a new flush
                return finishing ? Action.SUCCEEDED : Action.IDLE;
            }
            while (inFlight.size() < MAX_FRAMES_PER_WRITE && !queued.isEmpty()) {
                Outgoing outgoing = queued.poll();
                inFlight.add(outgoing);
                buffers += outgoing.payload == null ? 1 : 2;
            }
        }
        ByteBuffer[] gathered = new ByteBuffer[buffers];
        int i = 0;
        for (Outgoing outgoing : inFlight) {
            gathered[i++] = outgoing.head;
            if (outgoing.payload != null) {
                gathered[i++] = outgoing.payload;
            }
        }
        endPoint.write(this, gathered);
        return Action.SCHEDULED; // flushing stays set: process() runs again when this write completes
    }

    @Override
    protected void onSuccess() {
        long written = 0;
        for (Outgoing outgoing : inFlight) {
            written += outgoing.charge;
        }
        inFlight.clear();
        synchronized (lock) {
            pendingBytes -= written;
        }
    }

    @Override
    protected void onCompleteSuccess() {
        onFinished.run();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        synchronized (lock) {
            discarded = true;
            dropQueued();
        }
        onWriteFailed.accept(cause);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return queued.size() + " frames queued, " + pendingBytes + "/" + maxPendingBytes + " bytes pending"
                    + (finishing ? ", finishing" : "") + (discarded ? ", discarded" : "");
        }
    }
}
