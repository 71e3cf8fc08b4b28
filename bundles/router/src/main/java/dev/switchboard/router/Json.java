package dev.switchboard.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** JSON for configuration values (auth, roles) and the WAMP-CRA challenge text. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON object; {@code what} names the setting in the error message. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json, String what) {
        Object v = parse(json, what);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(String json, String what) {
        Object v = parse(json, what);
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(what + " must be a JSON list");
        }
        return (List<Object>) v;
    }

    private static Object parse(String json, String what) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
