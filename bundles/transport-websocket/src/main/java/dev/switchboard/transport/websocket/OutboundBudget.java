package dev.switchboard.transport.websocket;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes queued for sending on one connection and refuses to queue beyond a limit, so that a peer that
 * does not read cannot make the router buffer without bound. Thread-safe: any thread may send to a peer.
 */
final class OutboundBudget {

    /**
     * Memory a queued frame costs beyond its payload (Frame, ByteBuffer, Callback, queue entry): counted so that
     * many tiny messages are bounded as well as a few big ones.
     */
    static final int FRAME_OVERHEAD_BYTES = 128;

    private final long maxPendingBytes;
    private final AtomicLong pendingBytes = new AtomicLong();

    OutboundBudget(long maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Reserves room for one frame.
     *
     * @return the amount to {@link #release} once the frame is written or failed, or {@code -1} when the frame
     *         would take the backlog above the limit. A frame bigger than the limit is still accepted on a
     *         connection with nothing pending: the limit bounds the backlog, not the size of one message.
     */
    long tryReserve(int payloadBytes) {
        long charge = (long) payloadBytes + FRAME_OVERHEAD_BYTES;
        long pendingAfter = pendingBytes.addAndGet(charge);
        if (pendingAfter > maxPendingBytes && pendingAfter != charge) {
            pendingBytes.addAndGet(-charge);
            return -1;
        }
        return charge;
    }

    void release(long charge) {
        pendingBytes.addAndGet(-charge);
    }

    long pendingBytes() {
        return pendingBytes.get();
    }

    @Override
    public String toString() {
        return pendingBytes.get() + "/" + maxPendingBytes + " bytes pending";
    }
}
