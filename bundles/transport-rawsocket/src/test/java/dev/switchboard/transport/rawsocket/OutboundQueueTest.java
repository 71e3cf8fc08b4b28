package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Ordering, batching into gathering writes, the byte budget and finishing, against a fake endpoint. */
class OutboundQueueTest {

    /** An endpoint whose writes complete only when the test says so. */
    private static final class ManualEndPoint {
        final List<ByteBuffer[]> writes = new ArrayList<>();
        Callback pending;
        final EndPoint proxy = (EndPoint) Proxy.newProxyInstance(EndPoint.class.getClassLoader(),
                new Class<?>[] {EndPoint.class}, (self, method, args) -> {
                    if (method.getName().equals("write") && args.length == 2) {
                        writes.add((ByteBuffer[]) args[1]);
                        pending = (Callback) args[0];
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        void completeWrite() {
            Callback callback = pending;
            pending = null;
            callback.succeeded();
        }
    }

    private final ManualEndPoint endPoint = new ManualEndPoint();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private OutboundQueue queue(long maxPendingBytes) {
        return new OutboundQueue(endPoint.proxy, Runnable::run, maxPendingBytes, finished::incrementAndGet, failure::set);
    }

    @Test
    void framesQueuedDuringAWriteGoOutTogetherInOrderWithoutCopies() {
        OutboundQueue queue = queue(1 << 20);
        byte[] first = {1};
        byte[] second = {2, 2};
        byte[] third = {3, 3, 3};
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offerFrame(FrameHeader.MESSAGE, first));
        assertEquals(1, endPoint.writes.size(), "the first frame is written at once");
        queue.offerFrame(FrameHeader.MESSAGE, second);
        queue.offerFrame(FrameHeader.PONG, third);
        assertEquals(1, endPoint.writes.size(), "one write in flight at a time");

        endPoint.completeWrite();
        assertEquals(2, endPoint.writes.size());
        ByteBuffer[] batch = endPoint.writes.get(1);
        assertEquals(4, batch.length, "header and payload of both frames in one gathering write");
        assertEquals(2, batch[0].getInt(0));
        assertSame(second, batch[1].array(), "payload wrapped, not copied");
        assertEquals((FrameHeader.PONG << 24) | 3, batch[2].getInt(0));
        assertSame(third, batch[3].array());
        endPoint.completeWrite();
        assertEquals(0, queue.pendingBytes());
    }

    @Test
    void backlogBeyondTheBudgetIsRefusedButOneBigFrameOnAnIdleConnectionIsNot() {
        OutboundQueue queue = queue(1000);
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offerFrame(FrameHeader.MESSAGE, new byte[5000]));
        assertEquals(OutboundQueue.Offer.OVER_BUDGET, queue.offerFrame(FrameHeader.MESSAGE, new byte[1]));
        endPoint.completeWrite();
        assertEquals(OutboundQueue.Offer.QUEUED, queue.offerFrame(FrameHeader.MESSAGE, new byte[500]));
        assertEquals(OutboundQueue.Offer.OVER_BUDGET, queue.offerFrame(FrameHeader.MESSAGE, new byte[500]),
                "500 + 128 overhead twice exceeds 1000");
    }

    @Test
    void finishWritesWhatIsQueuedThenReportsAndRefusesMore() {
        OutboundQueue queue = queue(1 << 20);
        queue.offerHandshakeReply(Handshake.refuse(Handshake.Refusal.SERIALIZER_UNSUPPORTED));
        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {9});
        queue.finish();
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offerFrame(FrameHeader.MESSAGE, new byte[] {10}));
        assertEquals(0, finished.get(), "not before the queued frames are written");
        endPoint.completeWrite(); // handshake reply
        assertEquals(1, endPoint.writes.get(0).length, "the handshake reply has no frame header");
        endPoint.completeWrite(); // the frame
        assertEquals(1, finished.get());
        assertTrue(failure.get() == null);
    }

    @Test
    void failedWriteDropsTheQueueAndReports() {
        OutboundQueue queue = queue(1 << 20);
        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {1});
        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {2});
        endPoint.pending.failed(new java.io.IOException("reset"));
        assertEquals("reset", failure.get().getMessage());
        assertEquals(OutboundQueue.Offer.CLOSED, queue.offerFrame(FrameHeader.MESSAGE, new byte[] {3}));
        assertEquals(1, endPoint.writes.size());
    }

    @Test
    void offersNeverWriteOnTheCallersThreadAndOneHandOverCarriesABurst() {
        List<Runnable> handedOver = new ArrayList<>();
        OutboundQueue queue = new OutboundQueue(endPoint.proxy, handedOver::add, 1 << 20, finished::incrementAndGet,
                failure::set);
        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {1});
        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {2});
        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {3});
        assertEquals(0, endPoint.writes.size(), "nothing written by the offering thread");
        assertEquals(1, handedOver.size(), "one flush handed to the executor for the whole burst");

        handedOver.remove(0).run();
        assertEquals(1, endPoint.writes.size());
        assertEquals(6, endPoint.writes.get(0).length, "the burst went out in one gathering write");
        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {4});
        assertTrue(handedOver.isEmpty(), "a write in flight picks up later frames itself");
        endPoint.completeWrite();
        assertEquals(2, endPoint.writes.size());
        endPoint.completeWrite();

        queue.offerFrame(FrameHeader.MESSAGE, new byte[] {5});
        assertEquals(1, handedOver.size(), "an idle queue hands over a new flush");
        queue.finish();
        assertEquals(1, handedOver.size(), "finish rides on the flush already handed over");
        handedOver.remove(0).run();
        endPoint.completeWrite();
        assertEquals(1, finished.get());
        assertEquals(0, queue.pendingBytes());
    }
}
