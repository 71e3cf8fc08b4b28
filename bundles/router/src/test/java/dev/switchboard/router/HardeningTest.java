package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardeningTest {
    private final Harness h = new Harness();

    @Test
    void aConnectionThatNeverSaysHelloIsDropped() throws InterruptedException {
        h.router.helloTimeout(50);
        FakePeer silent = h.connect(null);
        FakePeer prompt = h.join("realm1");
        long deadline = System.currentTimeMillis() + 5000;
        while (!silent.hasReceived() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(WampErrors.PROTOCOL_VIOLATION, silent.next(Abort.class).reason());
        assertTrue(silent.closed);
        Thread.sleep(100);
        prompt.assertNothingReceived();
    }

    @Test
    void aFullRealmRefusesNewSessions() {
        h.router.addRealm("small", false, List.of()).maxSessions(2);
        for (int i = 0; i < 2; i++) {
            h.join("small");
        }
        FakePeer third = h.connect(null);
        third.deliver(new Hello("small", Harness.ALL_ROLES));
        assertEquals(WampErrors.NOT_AUTHORIZED, third.next(Abort.class).reason());
        FakePeer elsewhere = h.connect(null);
        elsewhere.deliver(new Hello("realm1", Harness.ALL_ROLES));
        elsewhere.next(Welcome.class);
    }
}
