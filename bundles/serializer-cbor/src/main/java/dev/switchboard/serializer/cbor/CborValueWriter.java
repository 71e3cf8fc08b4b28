package dev.switchboard.serializer.cbor;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes the plain values of the message model as CBOR: text strings, {@code byte[]} as byte strings, arrays
 * and maps with definite lengths, integers in their shortest form (major type 0 up to 2^64 - 1, so uint64
 * values need no bignum; major type 1 down to -2^63; bignums beyond), Double as float 64 and Float as
 * float 32. Anything else is refused with an {@link IllegalArgumentException} rather than silently changed.
 */
final class CborValueWriter {

    private CborValueWriter() {}

    // Ordered by how often each type occurs in WAMP traffic.
    static void writeValue(CBORGenerator generator, Object value) throws IOException {
        if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Integer i) {
            generator.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            generator.writeNumber(l.longValue());
        } else if (value instanceof Map<?, ?> map) {
            writeObject(generator, map);
        } else if (value instanceof List<?> list) {
            writeArray(generator, list);
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof byte[] bytes) {
            generator.writeBinary(bytes, 0, bytes.length);
        } else if (value instanceof Number n) {
            writeOtherNumber(generator, n);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as CBOR");
        }
    }

    // Definite lengths: shorter, and what most CBOR peers write; the generator checks the count at the end.
    private static void writeObject(CBORGenerator generator, Map<?, ?> map) throws IOException {
        generator.writeStartObject(map, map.size());
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

    private static void writeArray(CBORGenerator generator, List<?> list) throws IOException {
        generator.writeStartArray(list, list.size());
        for (Object element : list) {
            writeValue(generator, element);
        }
        generator.writeEndArray();
    }

    private static void writeOtherNumber(CBORGenerator generator, Number n) throws IOException {
        if (n instanceof Double d) {
            generator.writeNumber(d.doubleValue());
        } else if (n instanceof Float f) {
            generator.writeNumber(f.floatValue());
        } else if (n instanceof Short || n instanceof Byte) {
            generator.writeNumber(n.intValue());
        } else if (n instanceof BigInteger big) {
            writeBigInteger(generator, big);
        } else {
            // BigDecimal included: a tag 4 decimal fraction would come back from any WAMP peer as a double.
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as CBOR");
        }
    }

    private static void writeBigInteger(CBORGenerator generator, BigInteger big) throws IOException {
        if (big.bitLength() < 64) {
            generator.writeNumber(big.longValue());
        } else if (big.bitLength() == 64 && big.signum() > 0) {
            generator.writeNumberUnsigned(big.longValue()); // [2^63, 2^64): major type 0, 8-byte argument
        } else {
            // Bignum (RFC 8949 section 3.4.3): tag 2 with n, or tag 3 with -1 - n (that is ~n), as a byte
            // string without leading zero bytes. (Jackson's own writer keeps the two's complement sign byte.)
            boolean negative = big.signum() < 0;
            byte[] magnitude = (negative ? big.not() : big).toByteArray();
            int skip = magnitude[0] == 0 ? 1 : 0;
            if (magnitude.length - skip > WampCborFactory.MAX_NUMBER_LENGTH) {
                // What we send we must accept: the reader refuses longer bignums.
                throw new IllegalArgumentException("an integer of " + big.bitLength() + " bits is too large to send");
            }
            generator.writeTag(negative ? 3 : 2);
            generator.writeBinary(magnitude, skip, magnitude.length - skip);
        }
    }
}
