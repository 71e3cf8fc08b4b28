package dev.switchboard.serializer.json;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import java.nio.charset.StandardCharsets;

/** Test helpers: JSON text in and out of the serializer. */
final class Json {

    static final JsonSerializer SERIALIZER = new JsonSerializer();

    private Json() {}

    static Message decode(String json) throws DecodeException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return SERIALIZER.decode(bytes, 0, bytes.length);
    }

    static String encode(Message message) {
        return new String(SERIALIZER.encode(message), StandardCharsets.UTF_8);
    }
}
