package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadGateTest {

    private final ReadGate gate = new ReadGate();

    @Test
    void routerWantingMoreDemandsAtOnce() {
        gate.beginDelivery();
        assertTrue(gate.endDelivery(true));
    }

    @Test
    void pausedReadingResumesWithExactlyOneDemand() {
        gate.beginDelivery();
        assertFalse(gate.endDelivery(false));
        assertTrue(gate.isPaused());

        assertTrue(gate.resume());
        assertFalse(gate.resume(), "a second resume must not demand twice");
    }

    @Test
    void resumeDuringDeliveryIsNotLost() {
        gate.beginDelivery();
        assertFalse(gate.resume());

        assertTrue(gate.endDelivery(false), "the router caught up before receive returned");
        assertFalse(gate.isPaused());
    }

    @Test
    void spuriousResumeWhileReadingDoesNothing() {
        assertFalse(gate.resume());

        gate.beginDelivery();
        assertFalse(gate.endDelivery(false), "an old resume must not undo a new pause");
    }
}
