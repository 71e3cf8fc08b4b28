package dev.switchboard.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.serializer.Serializer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What transports see of the serializer: its identity and its DS service registration. */
class JsonSerializerComponentTest {

    @Test
    void identifiesAsWampJson() {
        Serializer serializer = new JsonSerializer();
        assertEquals("json", serializer.name());
        assertEquals("wamp.2.json", serializer.subprotocol());
        assertEquals(1, serializer.rawSocketId());
        assertFalse(serializer.binary());
    }

    @Test
    void declaresTheSerializerServiceWithItsName() throws Exception {
        // Written by bnd from the @Component annotation in process-classes, before tests run.
        String xml;
        try (InputStream in = JsonSerializer.class.getResourceAsStream(
                "/OSGI-INF/" + JsonSerializer.class.getName() + ".xml")) {
            assertNotNull(in, "component description missing: was bnd-process run?");
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("<provide interface=\"" + Serializer.class.getName() + "\"/>"), xml);
        assertTrue(xml.contains("name=\"" + Serializer.NAME_PROPERTY + "\"") && xml.contains("value=\"json\""), xml);
        assertTrue(xml.contains("implementation class=\"" + JsonSerializer.class.getName() + "\""), xml);
    }
}
