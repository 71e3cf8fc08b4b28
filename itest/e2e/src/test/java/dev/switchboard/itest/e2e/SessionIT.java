package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crossbar.autobahn.wamp.types.CloseDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Session establishment and closing with autobahn-java 20.6.1 (WAMP basic/session). */
@ExtendWith(SharedNode.class)
class SessionIT {

    @Test
    void joiningAnUnknownRealmIsAbortedWithNoSuchRealm(NodeProcess node) {
        CloseDetails abort = WampClient.expectAbort(node.url(), "e2e.no.such.realm");
        assertEquals("wamp.error.no_such_realm", abort.reason);
    }

    @Test
    void joiningRealm1GivesASessionAndGoodbyeIsAnsweredWithGoodbyeAndOut(NodeProcess node) {
        try (WampClient client = WampClient.join(node.url(), E2e.REALM)) {
            long id = client.sessionId();
            assertTrue(id >= 1 && id <= (1L << 53), "session id in [1, 2^53]: " + id);
            assertEquals("wamp.close.goodbye_and_out", client.leave());
        }
    }
}
