package dev.switchboard.serializer.msgpack;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: hex in and out of the serializer, ordered maps, comparable payloads. */
final class MsgPack {

    static final MsgPackSerializer SERIALIZER = new MsgPackSerializer();

    private static final HexFormat HEX = HexFormat.of();

    private MsgPack() {}

    /** Decodes hex digits; spaces are ignored so that golden values can be grouped by value. */
    static Message decode(String hex) throws DecodeException {
        byte[] bytes = bytes(hex);
        return SERIALIZER.decode(bytes, 0, bytes.length);
    }

    static String encode(Message message) {
        return HEX.formatHex(SERIALIZER.encode(message));
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    /** A map that keeps the given order, so that encoded golden bytes are deterministic. */
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
            return "bytes:" + HEX.formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(MsgPack::comparable).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, comparable(v)));
            return copy;
        }
        return value;
    }
}
