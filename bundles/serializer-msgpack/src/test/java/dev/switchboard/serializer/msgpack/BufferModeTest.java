package dev.switchboard.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import org.msgpack.core.buffer.MessageBuffer;

/**
 * The suite runs twice (see the pom): with msgpack-core's Unsafe-based buffer and with its ByteBuffer-based
 * fallback. This checks that each run really uses the buffer it is meant to test.
 */
class BufferModeTest {

    @Test
    void usesTheBufferImplementationThisRunIsFor() throws Exception {
        Field universal = MessageBuffer.class.getDeclaredField("isUniversalBuffer");
        universal.setAccessible(true);
        assertEquals(Boolean.getBoolean("msgpack.universal-buffer"), universal.get(null));
    }
}
