package dev.switchboard.serializer.json;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: JSON text in and out of the serializer, ordered maps, comparable payloads. */
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

    /** A map that keeps the given order, so that encoded golden strings are deterministic. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The value with every byte[] replaced by a comparable hex string, for deep equality checks. */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Json::comparable).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, comparable(v)));
            return copy;
        }
        return value;
    }
}
