package dev.switchboard.transport.websocket;

import static dev.switchboard.transport.websocket.OutboundBudget.FRAME_OVERHEAD_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutboundBudgetTest {

    private final OutboundBudget budget = new OutboundBudget(1000);

    @Test
    void reservedBytesArePendingUntilReleased() {
        long charge = budget.tryReserve(100);

        assertEquals(100 + FRAME_OVERHEAD_BYTES, charge);
        assertEquals(charge, budget.pendingBytes());
        budget.release(charge);
        assertEquals(0, budget.pendingBytes());
    }

    @Test
    void backlogBeyondTheLimitIsRefused() {
        long first = budget.tryReserve(600);

        assertEquals(-1, budget.tryReserve(600));
        assertEquals(first, budget.pendingBytes(), "a refused frame is not counted");
    }

    @Test
    void oneBigFrameOnAnIdleConnectionIsAccepted() {
        assertTrue(budget.tryReserve(5000) > 0);
        assertEquals(-1, budget.tryReserve(1));
    }

    @Test
    void manyTinyFramesAreBoundedToo() {
        int accepted = 0;
        while (budget.tryReserve(0) > 0) {
            accepted++;
        }
        assertEquals(1000 / FRAME_OVERHEAD_BYTES, accepted);
    }
}
