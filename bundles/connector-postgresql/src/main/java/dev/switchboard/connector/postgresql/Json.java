package dev.switchboard.connector.postgresql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text to and from the plain values of WAMP payloads (Map, List, String, Number, Boolean, null). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Parses {@code text}; {@code null} stays {@code null}. */
    static Object parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            // Only database-produced JSON (json/jsonb values) gets here, which PostgreSQL has already validated
            throw new UncheckedIOException("unparsable JSON from the database", e);
        }
    }

    /** JSON text of a payload value; {@code byte[]} becomes a base64 string, as Jackson writes it. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
