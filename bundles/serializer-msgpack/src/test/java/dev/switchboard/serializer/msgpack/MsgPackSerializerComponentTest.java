package dev.switchboard.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.serializer.Serializer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What transports see of the serializer: its identity and its DS service registration. */
class MsgPackSerializerComponentTest {

    @Test
    void identifiesAsWampMsgPack() {
        Serializer serializer = new MsgPackSerializer();
        assertEquals("msgpack", serializer.name());
        assertEquals("wamp.2.msgpack", serializer.subprotocol());
        assertEquals(2, serializer.rawSocketId());
        assertTrue(serializer.binary());
    }

    @Test
    void declaresTheSerializerServiceWithItsName() throws Exception {
        // Written by bnd from the @Component annotation in process-classes, before tests run.
        String xml;
        try (InputStream in = MsgPackSerializer.class.getResourceAsStream(
                "/OSGI-INF/" + MsgPackSerializer.class.getName() + ".xml")) {
            assertNotNull(in, "component description missing: was bnd-process run?");
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("<provide interface=\"" + Serializer.class.getName() + "\"/>"), xml);
        assertTrue(xml.contains("name=\"" + Serializer.NAME_PROPERTY + "\"") && xml.contains("value=\"msgpack\""), xml);
        assertTrue(xml.contains("implementation class=\"" + MsgPackSerializer.class.getName() + "\""), xml);
    }
}
