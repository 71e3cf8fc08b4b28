package dev.switchboard.serializer.msgpack;

import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.PayloadCodec;
import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageIntegerOverflowException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads MsgPack into the plain values of the message model: {@code null}, Boolean, Integer/Long (BigInteger
 * only above the long range, i.e. uint64 values from 2^63), Double (float 32 widened exactly), String,
 * {@code byte[]}, List and Map with String keys. Extension types have no place in WAMP and are refused.
 *
 * <p>Nested lists and maps are unmodifiable: a decoded message is shared between threads and its encodings
 * are cached, so its payload must not change after decoding.
 *
 * <p>Every length and count in the input is checked against the bytes that are left before anything is
 * allocated for it, so a few hostile bytes cannot make us reserve gigabytes. Strings are decoded straight
 * from the caller's array. One instance per decode; not thread-safe.
 */
final class MsgPackValueReader {

    // Collections are sized from the declared count up to this; beyond it they grow as elements really arrive.
    private static final int MAX_PRESIZE = 1024;

    private final byte[] data;
    private final int offset;
    private final int length;
    private final MessageUnpacker unpacker;
    private final PayloadCodec codec; // null: payloads are read into values like everything else
    private CharsetDecoder utf8; // strict (reports malformed input); made on the first non-ASCII string
    private int depth;

    private MsgPackValueReader(byte[] data, int offset, int length, PayloadCodec codec) {
        this.codec = codec;
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.unpacker = MessagePack.DEFAULT_UNPACKER_CONFIG.newUnpacker(data, offset, length);
    }

    /** Reads exactly one MsgPack array and requires the input to end right after it. */
    static List<Object> readMessageArray(byte[] data, int offset, int length) throws IOException, DecodeException {
        return readMessageArray(data, offset, length, null);
    }

    /**
     * Reads exactly one MsgPack array and requires the input to end right after it. With a codec, the payload
     * elements ({@link MessageArrays#payloadIndex}) are validated as they would be read but kept as copies of
     * their bytes in {@link RawList} and {@link RawMap}.
     */
    static List<Object> readMessageArray(byte[] data, int offset, int length, PayloadCodec codec)
            throws IOException, DecodeException {
        if (length == 0) {
            throw new DecodeException("empty input");
        }
        return new MsgPackValueReader(data, offset, length, codec).readMessage();
    }

    /** Reads one whole input that holds exactly one value (a payload validated before). */
    static Object readSingleValue(byte[] data) throws IOException, DecodeException {
        MsgPackValueReader reader = new MsgPackValueReader(data, 0, data.length, null);
        Object value = reader.readValue();
        if (reader.unpacker.hasNext()) {
            throw new DecodeException("unexpected data after the value");
        }
        return value;
    }

    private List<Object> readMessage() throws IOException, DecodeException {
        MessageFormat format = unpacker.getNextFormat();
        if (valueType(format) != ValueType.ARRAY) {
            throw new DecodeException("a WAMP message must be a MsgPack array, got " + describe(format));
        }
        List<Object> message = codec == null ? readArrayElements() : readMessageElements();
        if (unpacker.hasNext()) {
            throw new DecodeException("unexpected data after the message array");
        }
        return message;
    }

    // Ordered by how often each type occurs in WAMP traffic.
    private Object readValue() throws IOException, DecodeException {
        MessageFormat format = unpacker.getNextFormat();
        return switch (valueType(format)) {
            case STRING -> readString();
            case INTEGER -> readInteger();
            case MAP -> readMap();
            case ARRAY -> readArray();
            case BOOLEAN -> unpacker.unpackBoolean();
            case NIL -> readNil();
            case BINARY -> readBinary();
            case FLOAT -> unpacker.unpackDouble(); // float 32 widens to double exactly
            case EXTENSION -> throw extension();
        };
    }

    private static ValueType valueType(MessageFormat format) throws DecodeException {
        if (format == MessageFormat.NEVER_USED) {
            throw new DecodeException("invalid MsgPack type byte 0xc1");
        }
        return format.getValueType();
    }

    private Object readInteger() throws IOException {
        long value;
        try {
            value = unpacker.unpackLong();
        } catch (MessageIntegerOverflowException e) {
            return e.getBigInteger(); // a uint64 from 2^63 up; the unpacker has consumed it
        }
        return (int) value == value ? (Object) (int) value : (Object) value;
    }

    private Object readNil() throws IOException {
        unpacker.unpackNil();
        return null;
    }

    private String readString() throws IOException, DecodeException {
        int size = unpacker.unpackRawStringHeader();
        if (size == 0) {
            return "";
        }
        int start = skipPayload(size, "string");
        int end = start + size;
        for (int i = start; i < end; i++) {
            if (data[i] < 0) {
                return decodeUtf8(start, size);
            }
        }
        // All ASCII, the usual case for URIs and keys: one copy into a compact string.
        return new String(data, start, size, StandardCharsets.ISO_8859_1);
    }

    /** Strict where {@code new String(bytes, UTF_8)} would silently substitute U+FFFD. */
    private String decodeUtf8(int start, int size) throws DecodeException {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed input by default
        }
        try {
            return utf8.decode(ByteBuffer.wrap(data, start, size)).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("invalid UTF-8 in a string");
        }
    }

    private byte[] readBinary() throws IOException, DecodeException {
        int size = unpacker.unpackBinaryHeader();
        int start = skipPayload(size, "binary value");
        return Arrays.copyOfRange(data, start, start + size);
    }

    /** Moves the unpacker past a payload of {@code size} bytes that must be present; returns its index in data. */
    private int skipPayload(int size, String what) throws IOException, DecodeException {
        int start = offset + (int) unpacker.getTotalReadBytes();
        if (size < 0 || size > offset + length - start) {
            throw new DecodeException("truncated MsgPack input: " + what + " of " + Integer.toUnsignedString(size)
                    + " bytes, " + (offset + length - start) + " left");
        }
        unpacker.readPayloadAsReference(size); // a view, no copy: we read the bytes from data directly
        return start;
    }

    private List<Object> readArray() throws IOException, DecodeException {
        List<Object> elements = readArrayElements();
        return elements.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(elements);
    }

    private List<Object> readArrayElements() throws IOException, DecodeException {
        int size = unpacker.unpackArrayHeader();
        enter();
        requireRoom(size, 1, "array of", "elements");
        List<Object> elements = new ArrayList<>(Math.min(size, MAX_PRESIZE));
        for (int i = 0; i < size; i++) {
            elements.add(readValue());
        }
        depth--;
        return elements;
    }

    /**
     * Duplicate keys are rejected: two components reading different values of one key (say an authorizer
     * and a callee) would be a security hole. Keys must be strings, as in every WAMP dict.
     */
    private Map<String, Object> readMap() throws IOException, DecodeException {
        int size = unpacker.unpackMapHeader();
        enter();
        requireRoom(size, 2, "map of", "entries");
        if (size == 0) {
            depth--;
            return Collections.emptyMap(); // the most common value: options and details
        }
        int expected = Math.min(size, MAX_PRESIZE);
        Map<String, Object> entries = new LinkedHashMap<>(expected + (expected >> 1) + 1);
        for (int i = 0; i < size; i++) {
            MessageFormat keyFormat = unpacker.getNextFormat();
            if (valueType(keyFormat) != ValueType.STRING) {
                throw new DecodeException("map keys must be strings, got " + describe(keyFormat));
            }
            String key = readString();
            int sizeBefore = entries.size();
            entries.put(key, readValue());
            if (entries.size() == sizeBefore) {
                throw new DecodeException("duplicate key \"" + MsgPackSerializer.abbreviate(key) + "\"");
            }
        }
        depth--;
        return Collections.unmodifiableMap(entries);
    }

    private List<Object> readMessageElements() throws IOException, DecodeException {
        int size = unpacker.unpackArrayHeader();
        enter();
        requireRoom(size, 1, "array of", "elements");
        List<Object> elements = new ArrayList<>(Math.min(size, MAX_PRESIZE));
        int payload = -1;
        for (int i = 0; i < size; i++) {
            ValueType next = payload > 0 ? valueType(unpacker.getNextFormat()) : null;
            if (payload > 0 && i == payload && next == ValueType.ARRAY) {
                elements.add(rawList());
            } else if (payload > 0 && i == payload + 1 && next == ValueType.MAP) {
                elements.add(rawMap());
            } else {
                Object value = readValue();
                if (i == 0 && value instanceof Integer type) {
                    payload = MessageArrays.payloadIndex(type);
                }
                elements.add(value);
            }
        }
        depth--;
        return elements;
    }

    private List<Object> rawList() throws IOException, DecodeException {
        int start = offset + (int) unpacker.getTotalReadBytes();
        int level = skipArray();
        if (skippedCount == 0) {
            return Collections.emptyList();
        }
        int end = offset + (int) unpacker.getTotalReadBytes();
        return new RawList(codec, Arrays.copyOfRange(data, start, end), skippedCount, level);
    }

    private Map<String, Object> rawMap() throws IOException, DecodeException {
        int start = offset + (int) unpacker.getTotalReadBytes();
        int level = skipMap();
        if (skippedCount == 0) {
            return Collections.emptyMap();
        }
        int end = offset + (int) unpacker.getTotalReadBytes();
        return new RawMap(codec, Arrays.copyOfRange(data, start, end), skippedCount, level);
    }

    // The element count of the array or map a skip method went through last.
    private int skippedCount;

    /**
     * Checks one value exactly as {@link #readValue} would, without building it: the same errors for the same
     * input, so that decoding the value later cannot fail. Returns its nesting depth (0 for a scalar).
     */
    private int skipValue() throws IOException, DecodeException {
        MessageFormat format = unpacker.getNextFormat();
        switch (valueType(format)) {
            case STRING -> skipString();
            case INTEGER -> unpacker.skipValue(); // every integer reads, as Integer, Long or BigInteger
            case MAP -> {
                return skipMap();
            }
            case ARRAY -> {
                return skipArray();
            }
            case BOOLEAN -> unpacker.unpackBoolean();
            case NIL -> unpacker.unpackNil();
            case BINARY -> skipPayload(unpacker.unpackBinaryHeader(), "binary value");
            case FLOAT -> unpacker.unpackDouble();
            case EXTENSION -> throw extension();
        }
        return 0;
    }

    /** Skips a string, checking its UTF-8 as {@link #readString} does; returns its index in data. */
    private int skipString() throws IOException, DecodeException {
        int size = unpacker.unpackRawStringHeader();
        int start = skipPayload(size, "string");
        int end = start + size;
        for (int i = start; i < end; i++) {
            if (data[i] < 0) {
                decodeUtf8(start, size);
                break;
            }
        }
        return start;
    }

    private int skipArray() throws IOException, DecodeException {
        int size = unpacker.unpackArrayHeader();
        enter();
        requireRoom(size, 1, "array of", "elements");
        int level = 0;
        for (int i = 0; i < size; i++) {
            level = Math.max(level, skipValue());
        }
        depth--;
        skippedCount = size;
        return level + 1;
    }

    // Small maps compare keys linearly; beyond this many keys a hash set keeps the check linear.
    private static final int LINEAR_KEYS = 8;

    /** Keys are compared as their UTF-8 bytes: valid UTF-8 (checked) is equal exactly when its text is. */
    private int skipMap() throws IOException, DecodeException {
        int size = unpacker.unpackMapHeader();
        enter();
        requireRoom(size, 2, "map of", "entries");
        int level = 0;
        int[] keyStarts = size > 1 ? new int[Math.min(size, LINEAR_KEYS)] : null;
        int[] keySizes = size > 1 ? new int[keyStarts.length] : null;
        Set<ByteBuffer> keySet = null;
        for (int i = 0; i < size; i++) {
            MessageFormat keyFormat = unpacker.getNextFormat();
            if (valueType(keyFormat) != ValueType.STRING) {
                throw new DecodeException("map keys must be strings, got " + describe(keyFormat));
            }
            int start = skipString();
            int keySize = (int) (offset + unpacker.getTotalReadBytes()) - start;
            boolean duplicate = false;
            if (i < LINEAR_KEYS) {
                for (int k = 0; k < i && !duplicate; k++) {
                    duplicate = Arrays.equals(data, keyStarts[k], keyStarts[k] + keySizes[k], data, start, start + keySize);
                }
                if (keyStarts != null) {
                    keyStarts[i] = start;
                    keySizes[i] = keySize;
                }
            } else {
                if (keySet == null) {
                    keySet = new HashSet<>();
                    for (int k = 0; k < LINEAR_KEYS; k++) {
                        keySet.add(ByteBuffer.wrap(data, keyStarts[k], keySizes[k]));
                    }
                }
                duplicate = !keySet.add(ByteBuffer.wrap(data, start, keySize));
            }
            if (duplicate) {
                String key = new String(data, start, keySize, StandardCharsets.UTF_8);
                throw new DecodeException("duplicate key \"" + MsgPackSerializer.abbreviate(key) + "\"");
            }
            level = Math.max(level, skipValue());
        }
        depth--;
        skippedCount = size;
        return level + 1;
    }

    private void enter() throws DecodeException {
        if (++depth > MsgPackSerializer.MAX_NESTING_DEPTH) {
            throw new DecodeException("nesting depth exceeds the maximum of " + MsgPackSerializer.MAX_NESTING_DEPTH);
        }
    }

    /** Each element takes at least one byte: a count beyond the bytes left is a lie, refused before allocating. */
    private void requireRoom(int count, int minBytesEach, String what, String unit) throws DecodeException {
        long left = length - unpacker.getTotalReadBytes();
        if (count < 0 || (long) count * minBytesEach > left) {
            throw new DecodeException("truncated MsgPack input: " + what + " " + Integer.toUnsignedString(count)
                    + " " + unit + ", " + left + " bytes left");
        }
    }

    private DecodeException extension() throws IOException {
        ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
        return new DecodeException("MsgPack extension type " + header.getType() + " is not a WAMP value");
    }

    private static String describe(MessageFormat format) {
        return switch (format.getValueType()) {
            case NIL -> "nil";
            case BOOLEAN -> "a boolean";
            case INTEGER -> "an integer";
            case FLOAT -> "a float";
            case STRING -> "a string";
            case BINARY -> "a binary value";
            case ARRAY -> "an array";
            case MAP -> "a map";
            case EXTENSION -> "an extension value";
        };
    }
}
