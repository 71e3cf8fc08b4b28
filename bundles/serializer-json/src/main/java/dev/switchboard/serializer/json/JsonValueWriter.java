package dev.switchboard.serializer.json;

import com.fasterxml.jackson.core.JsonGenerator;
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
            writeObject(generator, map);
        } else if (value instanceof List<?> list) {
            writeArray(generator, list);
        } else if (value instanceof byte[] bytes) {
            byte[] text = BinaryStrings.encode(bytes);
            generator.writeUTF8String(text, 0, text.length); // Jackson escapes the leading NUL
        } else if (value instanceof Number n) {
            writeOtherNumber(generator, n);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeObject(JsonGenerator generator, Map<?, ?> map) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("map keys must be strings, got "
                        + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
            }
            generator.writeFieldName(key);
            writeValue(generator, entry.getValue());
        }
        generator.writeEndObject();
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
            generator.writeNumber(big);
        } else if (n instanceof BigDecimal big) {
            generator.writeNumber(big);
        } else {
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as JSON");
        }
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d + " (NaN and infinities cannot be sent)");
        }
        return d;
    }
}
