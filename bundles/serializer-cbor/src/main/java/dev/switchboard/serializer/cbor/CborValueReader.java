package dev.switchboard.serializer.cbor;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.CBORSimpleValue;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.DistinctKeys;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.PayloadCodec;
import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CBOR tokens into the plain values of the message model: {@code null}, Boolean, Integer/Long
 * (BigInteger only beyond the long range), Double, String, {@code byte[]}, List and Map with String keys.
 * CBOR's {@code undefined} reads as {@code null}; other simple values are refused. Tags are transparent, except
 * that Jackson turns bignums (tags 2 and 3) into integers and decimal fractions (tag 4) into numbers.
 *
 * <p>Nested lists and maps are unmodifiable: a decoded message is shared between threads and its encodings
 * are cached, so its payload must not change after decoding. Nesting depth is bounded by the parser's
 * {@link com.fasterxml.jackson.core.StreamReadConstraints}, which keeps the recursion here shallow.
 * One instance per decode; not thread-safe.
 */
final class CborValueReader {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final CBORParser parser;
    private final byte[] data;
    private final PayloadCodec codec; // null: payloads are read into values like everything else
    private int skippedCount; // the element count of the array or map a skip method went through last
    // Index in data of the byte at parser byte offset 0 (so the parser's offsets need no assumption of ours).
    private long origin;

    private CborValueReader(CBORParser parser, byte[] data, PayloadCodec codec) {
        this.parser = parser;
        this.data = data;
        this.codec = codec;
    }

    /** Reads exactly one CBOR array starting at data[offset] and requires the input to end right after it. */
    static List<Object> readMessageArray(CBORParser parser, byte[] data, int offset)
            throws IOException, DecodeException {
        return readMessageArray(parser, data, offset, null);
    }

    /**
     * Reads exactly one CBOR array starting at data[offset] and requires the input to end right after it. With
     * a codec, the payload elements ({@link MessageArrays#payloadIndex}) are validated as they would be read but
     * kept as copies of their bytes in {@link RawList} and {@link RawMap}.
     */
    static List<Object> readMessageArray(CBORParser parser, byte[] data, int offset, PayloadCodec codec)
            throws IOException, DecodeException {
        return new CborValueReader(parser, data, codec).readMessage(offset);
    }

    /** Reads the whole of data, which holds exactly one value (a payload validated before). */
    static Object readSingleValue(CBORParser parser, byte[] data) throws IOException, DecodeException {
        CborValueReader reader = new CborValueReader(parser, data, null);
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new DecodeException("empty input");
        }
        reader.origin = 0; // the parser reads data from its first byte
        Object value = reader.readValue(first);
        if (parser.nextToken() != null) {
            throw new DecodeException("unexpected data after the value");
        }
        return value;
    }

    private List<Object> readMessage(int offset) throws IOException, DecodeException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new DecodeException("empty input");
        }
        if (first != JsonToken.START_ARRAY) {
            throw new DecodeException("a WAMP message must be a CBOR array, got " + describe(first));
        }
        // The first token starts at the first byte (CBOR has no whitespace): calibrates key checks below.
        origin = offset - parser.currentTokenLocation().getByteOffset();
        List<Object> message = codec == null ? readArrayElements() : readMessageElements();
        if (parser.nextToken() != null) {
            throw new DecodeException("unexpected data after the message array");
        }
        return message;
    }

    // Ordered by how often each type occurs in WAMP traffic.
    private Object readValue(JsonToken token) throws IOException, DecodeException {
        if (token == null) {
            throw new DecodeException("unexpected end of input");
        }
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> readInteger();
            case START_OBJECT -> readObject();
            case START_ARRAY -> readArray();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null; // null and undefined
            case VALUE_EMBEDDED_OBJECT -> readEmbedded();
            case VALUE_NUMBER_FLOAT -> readFloat();
            default -> throw new DecodeException("unexpected " + describe(token));
        };
    }

    /** The narrowest of Integer, Long, BigInteger: CBOR allows longer encodings and bignums of small values. */
    private Object readInteger() throws IOException {
        switch (parser.getNumberType()) {
            case INT:
                return parser.getIntValue();
            case LONG:
                long l = parser.getLongValue();
                return (int) l == l ? (Object) (int) l : (Object) l;
            default:
                BigInteger big = parser.getBigIntegerValue();
                if (big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
                    long value = big.longValue();
                    return (int) value == value ? (Object) (int) value : (Object) value;
                }
                return big;
        }
    }

    private Double readFloat() throws IOException, DecodeException {
        switch (parser.getNumberType()) {
            case BIG_DECIMAL: // tag 4 decimal fraction: a double, as JSON's 0.1 is
                double d = parser.getDecimalValue().doubleValue();
                if (!Double.isFinite(d)) {
                    throw new DecodeException("decimal fraction out of the double range");
                }
                return d;
            default: // half, single and double precision; a float widens to double exactly
                return parser.getDoubleValue();
        }
    }

    private Object readEmbedded() throws IOException, DecodeException {
        Object value = parser.getEmbeddedObject();
        if (value instanceof byte[] bytes) {
            return bytes; // a fresh array per byte string
        }
        if (value instanceof CBORSimpleValue simple) {
            throw new DecodeException("CBOR simple value " + simple.getValue() + " is not a WAMP value");
        }
        throw new DecodeException("unexpected embedded value in CBOR");
    }

    private List<Object> readArray() throws IOException, DecodeException {
        List<Object> elements = readArrayElements();
        return elements.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(elements);
    }

    private List<Object> readArrayElements() throws IOException, DecodeException {
        List<Object> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            elements.add(readValue(token));
        }
        return elements;
    }

    private List<Object> readMessageElements() throws IOException, DecodeException {
        List<Object> elements = new ArrayList<>(7);
        int payload = -1;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            int index = elements.size();
            if (payload > 0 && index == payload && token == JsonToken.START_ARRAY) {
                int start = (int) (origin + parser.currentTokenLocation().getByteOffset());
                int level = skipArray();
                elements.add(skippedCount == 0 ? Collections.emptyList()
                        : new RawList(codec, copy(start), skippedCount, level));
            } else if (payload > 0 && index == payload + 1 && token == JsonToken.START_OBJECT) {
                int start = (int) (origin + parser.currentTokenLocation().getByteOffset());
                int level = skipObject();
                elements.add(skippedCount == 0 ? Collections.emptyMap()
                        : new RawMap(codec, copy(start), skippedCount, level));
            } else {
                Object value = readValue(token);
                if (index == 0 && value instanceof Integer type) {
                    payload = MessageArrays.payloadIndex(type);
                }
                elements.add(value);
            }
        }
        return elements;
    }

    /** The bytes from start to where the parser is, i.e. right after the value it has just gone through. */
    private byte[] copy(int start) {
        int end = (int) (origin + parser.currentLocation().getByteOffset());
        return Arrays.copyOfRange(data, start, end);
    }

    /**
     * Checks one value exactly as {@link #readValue} would, without building it: the same errors for the same
     * input, so that decoding the value later cannot fail. Returns its nesting depth (0 for a scalar).
     */
    private int skipValue(JsonToken token) throws IOException, DecodeException {
        if (token == null) {
            throw new DecodeException("unexpected end of input");
        }
        switch (token) {
            case VALUE_STRING -> parser.getTextCharacters(); // decodes (and so checks) the text, makes no String
            case VALUE_NUMBER_INT -> readInteger();
            case START_OBJECT -> {
                return skipObject();
            }
            case START_ARRAY -> {
                return skipArray();
            }
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> { }
            case VALUE_EMBEDDED_OBJECT -> readEmbedded();
            case VALUE_NUMBER_FLOAT -> readFloat();
            default -> throw new DecodeException("unexpected " + describe(token));
        }
        return 0;
    }

    private int skipArray() throws IOException, DecodeException {
        int level = 0;
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            level = Math.max(level, skipValue(token));
            count++;
        }
        skippedCount = count;
        return level + 1;
    }

    private int skipObject() throws IOException, DecodeException {
        int level = 0;
        DistinctKeys keys = new DistinctKeys();
        for (String key = nextKey(); key != null; key = nextKey()) {
            if (!keys.add(key)) {
                throw new DecodeException("duplicate key \"" + CborSerializer.abbreviate(key) + "\"");
            }
            level = Math.max(level, skipValue(parser.nextToken()));
        }
        skippedCount = keys.count();
        return level + 1;
    }

    /**
     * Duplicate keys are rejected (RFC 8949 section 5.6 calls such maps invalid): two components reading
     * different values of one key (say an authorizer and a callee) would be a security hole.
     */
    private Map<String, Object> readObject() throws IOException, DecodeException {
        String key = nextKey();
        if (key == null) {
            return Collections.emptyMap(); // the most common value: options and details
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (; key != null; key = nextKey()) {
            int sizeBefore = entries.size();
            entries.put(key, readValue(parser.nextToken()));
            if (entries.size() == sizeBefore) {
                throw new DecodeException("duplicate key \"" + CborSerializer.abbreviate(key) + "\"");
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    /**
     * The next key, or null at the end of the map. Jackson accepts integer and byte string keys and turns
     * them into text ({1: x} would read as {"1": x}), which would let a peer smuggle in keys that no WAMP
     * peer sent as text; so the key's first byte is checked to be a text string (major type 3). A tag in
     * front of a key is refused the same way.
     */
    private String nextKey() throws IOException, DecodeException {
        String key = parser.nextFieldName();
        if (key != null) {
            int initial = data[(int) (origin + parser.currentTokenLocation().getByteOffset())] & 0xFF;
            if (initial >>> 5 != 3) {
                throw new DecodeException("map keys must be text strings, got " + describeMajorType(initial >>> 5));
            }
        }
        return key;
    }

    private static String describeMajorType(int majorType) {
        return switch (majorType) {
            case 0, 1 -> "an integer";
            case 2 -> "a byte string";
            case 6 -> "a tagged value";
            default -> "major type " + majorType;
        };
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a map";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a text string";
            case VALUE_EMBEDDED_OBJECT -> "a byte string or simple value";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
