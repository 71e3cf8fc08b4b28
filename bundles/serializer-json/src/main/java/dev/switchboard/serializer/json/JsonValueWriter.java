package dev.switchboard.serializer.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import dev.switchboard.api.serializer.RawPayload;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes the plain values of the message model as JSON tokens, {@code byte[]} by the binary convention.
 * Anything JSON cannot carry faithfully is refused with an {@link IllegalArgumentException} rather than
 * silently changed (Jackson would write NaN as the string "NaN").
 */
final class JsonValueWriter {

    private JsonValueWriter() {}

    // Final classes first: checking them is one pointer compare. A failed interface check (Map, List)
    // scans the class's secondary supers, which measurably slowed booleans and doubles when done first.
    static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Integer i) {
            generator.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            generator.writeNumber(l.longValue());
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Double d) {
            generator.writeNumber(finite(d));
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            if (!(map instanceof RawMap raw && writeRaw(generator, raw))) {
                writeObject(generator, map);
            }
        } else if (value instanceof List<?> list) {
            if (!(list instanceof RawList raw && writeRaw(generator, raw))) {
                writeArray(generator, list);
            }
        } else if (value instanceof byte[] bytes) {
            byte[] text = BinaryStrings.encode(bytes);
            generator.writeUTF8String(text, 0, text.length); // Jackson escapes the leading NUL
        } else if (value instanceof Number n) {
            writeOtherNumber(generator, n);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /**
     * Writes a payload that a JSON serializer decoded as its very bytes, unless that would nest deeper than a
     * JSON peer accepts (then it is written value by value, and refused like any other too deep value).
     */
    private static boolean writeRaw(JsonGenerator generator, RawPayload raw) throws IOException {
        if (!(raw.codec() instanceof JsonSerializer)
                || generator.getOutputContext().getNestingDepth() + raw.depth() > WampJsonFactory.MAX_NESTING_DEPTH) {
            return false;
        }
        generator.writeRawValue(new RawJson(raw.bytes()));
        return true;
    }

    private static void writeObject(JsonGenerator generator, Map<?, ?> map) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("map keys must be strings, got "
                        + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
            }
            requireReadableKey(key);
            generator.writeFieldName(key);
            writeValue(generator, entry.getValue());
        }
        generator.writeEndObject();
    }

    /**
     * Whatever we send we must accept, and the reader refuses two kinds of keys that Jackson writes without
     * complaint: keys longer than {@link WampJsonFactory#MAX_NAME_LENGTH} UTF-8 bytes, and keys with an unpaired
     * surrogate (written as a \\u escape; names must be valid UTF-8 for the parser's symbol table).
     * Such keys come from MsgPack or CBOR peers or in-process components; refusing them here keeps them from a
     * JSON peer that would drop its connection over them.
     */
    private static void requireReadableKey(String key) {
        int bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                throw new IllegalArgumentException("unpaired surrogate U+" + Integer.toHexString(c).toUpperCase()
                        + " in a map key: a JSON peer cannot read it");
            }
        }
        if (bytes > WampJsonFactory.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a map key of " + bytes + " UTF-8 bytes is longer than the "
                    + WampJsonFactory.MAX_NAME_LENGTH + " a JSON peer accepts");
        }
    }

    private static void writeArray(JsonGenerator generator, List<?> list) throws IOException {
        generator.writeStartArray();
        for (Object element : list) {
            writeValue(generator, element);
        }
        generator.writeEndArray();
    }

    private static void writeOtherNumber(JsonGenerator generator, Number n) throws IOException {
        if (n instanceof Float f) {
            generator.writeNumber((float) finite(f));
        } else if (n instanceof Short || n instanceof Byte) {
            generator.writeNumber(n.intValue());
        } else if (n instanceof BigInteger big) {
            requireReadableLength(big.toString());
            generator.writeNumber(big);
        } else if (n instanceof BigDecimal big) {
            requireReadableLength(big.toString()); // what Jackson writes
            finite(big.doubleValue()); // JSON peers, this serializer included, read it as a double
            generator.writeNumber(big);
        } else {
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as JSON");
        }
    }

    /**
     * Whatever we send we must accept: the reader refuses numbers of more than
     * {@link WampJsonFactory#MAX_NUMBER_LENGTH} digits (Jackson counts digits only, the exponent's included).
     */
    private static void requireReadableLength(String number) {
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        if (digits > WampJsonFactory.MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("a number of " + digits + " digits is longer than the "
                    + WampJsonFactory.MAX_NUMBER_LENGTH + " a JSON peer accepts");
        }
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d + " (NaN and infinities cannot be sent)");
        }
        return d;
    }
}
