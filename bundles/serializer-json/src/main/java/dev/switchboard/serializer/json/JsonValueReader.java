package dev.switchboard.serializer.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.api.serializer.DecodeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON tokens into the plain values of the message model: {@code null}, Boolean, Integer/Long
 * (BigInteger only beyond the long range), Double, String, {@code byte[]}, List and Map.
 *
 * <p>Nested lists and maps are unmodifiable: a decoded message is shared between threads and its encodings
 * are cached, so its payload must not change after decoding. Nesting depth is bounded by the parser's
 * {@link com.fasterxml.jackson.core.StreamReadConstraints}, which keeps the recursion here shallow.
 */
final class JsonValueReader {

    private JsonValueReader() {}

    /** Reads exactly one JSON array and requires the input to end right after it. */
    static List<Object> readMessageArray(JsonParser parser) throws IOException, DecodeException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new DecodeException("empty input");
        }
        if (first != JsonToken.START_ARRAY) {
            throw new DecodeException("a WAMP message must be a JSON array, got " + describe(first));
        }
        List<Object> message = readArrayElements(parser);
        if (parser.nextToken() != null) {
            throw new DecodeException("unexpected data after the message array");
        }
        return message;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException, DecodeException {
        if (token == null) {
            throw new DecodeException("unexpected end of input");
        }
        return switch (token) {
            case VALUE_STRING -> BinaryStrings.decode(parser.getText());
            case VALUE_NUMBER_INT -> readInteger(parser);
            case VALUE_NUMBER_FLOAT -> readFloat(parser);
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new DecodeException("unexpected " + describe(token));
        };
    }

    private static Object readInteger(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> Integer.valueOf(parser.getIntValue());
            case LONG -> Long.valueOf(parser.getLongValue());
            default -> parser.getBigIntegerValue();
        };
    }

    private static Double readFloat(JsonParser parser) throws IOException, DecodeException {
        double value = parser.getDoubleValue();
        // 1e400 parses as Infinity, which no JSON peer could be sent back.
        if (!Double.isFinite(value)) {
            throw new DecodeException("number out of the double range");
        }
        return value;
    }

    private static List<Object> readArray(JsonParser parser) throws IOException, DecodeException {
        List<Object> elements = readArrayElements(parser);
        return elements.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(elements);
    }

    private static List<Object> readArrayElements(JsonParser parser) throws IOException, DecodeException {
        List<Object> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            elements.add(readValue(parser, token));
        }
        return elements;
    }

    /**
     * Duplicate keys are rejected: RFC 8259 leaves their meaning open, and two components reading
     * different values of one key (say an authorizer and a callee) would be a security hole.
     */
    private static Map<String, Object> readObject(JsonParser parser) throws IOException, DecodeException {
        String key = parser.nextFieldName();
        if (key == null) {
            return Collections.emptyMap(); // "{}" is the most common value: options and details
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (; key != null; key = parser.nextFieldName()) {
            int sizeBefore = entries.size();
            entries.put(key, readValue(parser, parser.nextToken()));
            if (entries.size() == sizeBefore) {
                throw new DecodeException("duplicate key \"" + JsonSerializer.abbreviate(key) + "\"");
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
