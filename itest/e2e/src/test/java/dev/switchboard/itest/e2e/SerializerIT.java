package dev.switchboard.itest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serializers and RawSocket (issue 3) with Debian's python3-autobahn ({@code py/serializers.py}): JSON, MsgPack and
 * CBOR over WebSocket and RawSocket, each on TCP and on the Unix domain socket, and the cross-serializer matrix
 * (a caller on one serializer, the callee and subscribers on another) with values that must keep value and type:
 * integers up to 2^53, negative numbers, floats, unicode outside the BMP, nested containers, null and binary.
 */
@ExtendWith(SharedNode.class)
class SerializerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void everySerializerWorksOnEveryListener(NodeProcess node) {
        JsonNode result = ClientScript.runPython(TIMEOUT, "serializers.py", "transports", node.url(),
                node.unixSocket().toString(), node.rawSocketAddress(), node.rawSocketUnixSocket().toString());
        assertEquals(12, result.path("combinations").size(), "4 listeners x 3 serializers: " + result);
    }

    @Test
    void valuesSurviveEveryPairOfSerializers(NodeProcess node) {
        JsonNode result = ClientScript.runPython(TIMEOUT, "serializers.py", "matrix", node.url(),
                node.rawSocketAddress());
        assertEquals(9, result.path("pairs").size());
        for (String serializer : new String[] {"json", "msgpack", "cbor"}) {
            assertEquals(3, result.path("events").path(serializer).asInt(), serializer + " subscriber");
        }
    }
}
