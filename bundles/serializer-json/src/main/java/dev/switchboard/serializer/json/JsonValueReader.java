package dev.switchboard.serializer.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.DistinctKeys;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.PayloadCodec;
import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
        return readMessageArray(parser, null, null, 0);
    }

    /**
     * Reads exactly one JSON array and requires the input to end right after it. With a codec, the payload
     * elements ({@link MessageArrays#payloadIndex}) are validated as they would be read but kept as copies of
     * their bytes in {@link RawList} and {@link RawMap}; {@code data} and {@code offset} are the parser's input.
     */
    static List<Object> readMessageArray(JsonParser parser, PayloadCodec codec, byte[] data, int offset)
            throws IOException, DecodeException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new DecodeException("empty input");
        }
        if (first != JsonToken.START_ARRAY) {
            throw new DecodeException("a WAMP message must be a JSON array, got " + describe(first));
        }
        List<Object> message = codec == null ? readArrayElements(parser) : readMessageElements(parser, codec, data, offset);
        if (parser.nextToken() != null) {
            throw new DecodeException("unexpected data after the message array");
        }
        return message;
    }

    /** Reads one whole input that holds exactly one value (a payload validated before). */
    static Object readSingleValue(JsonParser parser) throws IOException, DecodeException {
        Object value = readValue(parser, parser.nextToken());
        if (parser.nextToken() != null) {
            throw new DecodeException("unexpected data after the value");
        }
        return value;
    }

    private static List<Object> readMessageElements(JsonParser parser, PayloadCodec codec, byte[] data, int offset)
            throws IOException, DecodeException {
        List<Object> elements = new ArrayList<>(7);
        int payload = -1;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            int index = elements.size();
            if (payload > 0 && index == payload && token == JsonToken.START_ARRAY) {
                elements.add(rawList(parser, codec, data, offset));
            } else if (payload > 0 && index == payload + 1 && token == JsonToken.START_OBJECT) {
                elements.add(rawMap(parser, codec, data, offset));
            } else {
                Object value = readValue(parser, token);
                if (index == 0 && value instanceof Integer type) {
                    payload = MessageArrays.payloadIndex(type);
                }
                elements.add(value);
            }
        }
        return elements;
    }

    private static List<Object> rawList(JsonParser parser, PayloadCodec codec, byte[] data, int offset)
            throws IOException, DecodeException {
        int start = offset + (int) parser.currentTokenLocation().getByteOffset();
        Skipped skipped = new Skipped();
        int depth = skipArray(parser, skipped);
        if (skipped.count == 0) {
            return Collections.emptyList();
        }
        int end = offset + (int) parser.currentLocation().getByteOffset();
        return new RawList(codec, Arrays.copyOfRange(data, start, end), skipped.count, depth);
    }

    private static Map<String, Object> rawMap(JsonParser parser, PayloadCodec codec, byte[] data, int offset)
            throws IOException, DecodeException {
        int start = offset + (int) parser.currentTokenLocation().getByteOffset();
        Skipped skipped = new Skipped();
        int depth = skipObject(parser, skipped);
        if (skipped.count == 0) {
            return Collections.emptyMap();
        }
        int end = offset + (int) parser.currentLocation().getByteOffset();
        return new RawMap(codec, Arrays.copyOfRange(data, start, end), skipped.count, depth);
    }

    /** The element count of the array or object a skip method went through last. */
    private static final class Skipped {
        int count;
    }

    /**
     * Checks one value exactly as {@link #readValue} would, without building it: the same errors for the same
     * input, so that decoding the value later cannot fail. Returns its nesting depth (0 for a scalar).
     */
    private static int skipValue(JsonParser parser, JsonToken token, Skipped skipped) throws IOException, DecodeException {
        if (token == null) {
            throw new DecodeException("unexpected end of input");
        }
        switch (token) {
            case VALUE_STRING -> {
                // Reading the characters (without making a String) checks the UTF-8, as getText() does.
                char[] text = parser.getTextCharacters();
                if (parser.getTextLength() > 0 && text[parser.getTextOffset()] == BinaryStrings.MARKER) {
                    BinaryStrings.decode(parser.getText());
                }
                return 0;
            }
            case VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                return 0; // the parser has checked the token, its length included
            }
            case VALUE_NUMBER_FLOAT -> {
                readFloat(parser);
                return 0;
            }
            case START_OBJECT -> {
                return skipObject(parser, skipped);
            }
            case START_ARRAY -> {
                return skipArray(parser, skipped);
            }
            default -> throw new DecodeException("unexpected " + describe(token));
        }
    }

    private static int skipArray(JsonParser parser, Skipped skipped) throws IOException, DecodeException {
        int depth = 0;
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            depth = Math.max(depth, skipValue(parser, token, skipped));
            count++;
        }
        skipped.count = count;
        return depth + 1;
    }

    private static int skipObject(JsonParser parser, Skipped skipped) throws IOException, DecodeException {
        int depth = 0;
        DistinctKeys keys = new DistinctKeys();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            if (!keys.add(key)) {
                throw new DecodeException("duplicate key \"" + JsonSerializer.abbreviate(key) + "\"");
            }
            depth = Math.max(depth, skipValue(parser, parser.nextToken(), skipped));
        }
        skipped.count = keys.count();
        return depth + 1;
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
