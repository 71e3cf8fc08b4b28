package dev.switchboard.serializer.msgpack;

import dev.switchboard.api.serializer.RawList;
import dev.switchboard.api.serializer.RawMap;
import dev.switchboard.api.serializer.RawPayload;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/**
 * Writes the plain values of the message model as MsgPack in its smallest forms: text as {@code str},
 * {@code byte[]} as {@code bin}, integers as the shortest int or uint format, Double as float 64 and Float as
 * float 32. Anything MsgPack cannot carry faithfully is refused with an {@link IllegalArgumentException}
 * rather than silently changed.
 */
final class MsgPackValueWriter {

    private MsgPackValueWriter() {}

    // Ordered by how often each type occurs in WAMP traffic. depth counts the arrays and maps around value.
    static void writeValue(MessagePacker packer, Object value, int depth) throws IOException {
        if (value instanceof String s) {
            writeString(packer, s);
        } else if (value instanceof Integer i) {
            packer.packInt(i);
        } else if (value instanceof Long l) {
            packer.packLong(l);
        } else if (value instanceof Map<?, ?> map) {
            if (!(map instanceof RawMap raw && writeRaw(packer, raw, depth))) {
                writeMap(packer, map, enter(depth));
            }
        } else if (value instanceof List<?> list) {
            if (!(list instanceof RawList raw && writeRaw(packer, raw, depth))) {
                writeArray(packer, list, enter(depth));
            }
        } else if (value instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (value == null) {
            packer.packNil();
        } else if (value instanceof byte[] bytes) {
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes); // copies: the caller keeps its array
        } else if (value instanceof Number n) {
            writeOtherNumber(packer, n);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as MsgPack");
        }
    }

    /**
     * Writes a payload that a MsgPack serializer decoded as its very bytes (one whole value, so the count in the
     * enclosing header stays right), unless that would nest deeper than a peer accepts: then it is written value
     * by value, and refused like any other too deep value.
     */
    private static boolean writeRaw(MessagePacker packer, RawPayload raw, int depth) throws IOException {
        if (!(raw.codec() instanceof MsgPackSerializer) || depth + raw.depth() > MsgPackSerializer.MAX_NESTING_DEPTH) {
            return false;
        }
        packer.addPayload(raw.bytes()); // no copy by the packer: the wrapper's array never changes
        return true;
    }

    private static int enter(int depth) {
        if (depth >= MsgPackSerializer.MAX_NESTING_DEPTH) {
            throw new IllegalArgumentException("nesting deeper than " + MsgPackSerializer.MAX_NESTING_DEPTH
                    + " levels (or a cycle) cannot be sent");
        }
        return depth + 1;
    }

    private static void writeMap(MessagePacker packer, Map<?, ?> map, int depth) throws IOException {
        packer.packMapHeader(map.size());
        int written = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("map keys must be strings, got "
                        + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
            }
            writeString(packer, key);
            writeValue(packer, entry.getValue(), depth);
            written++;
        }
        checkCount(map.size(), written);
    }

    private static void writeArray(MessagePacker packer, List<?> list, int depth) throws IOException {
        packer.packArrayHeader(list.size());
        int written = 0;
        for (Object element : list) {
            writeValue(packer, element, depth);
            written++;
        }
        checkCount(list.size(), written);
    }

    /** The header announced size() elements; a collection changed by another thread would corrupt the stream. */
    private static void checkCount(int announced, int written) {
        if (announced != written) {
            throw new IllegalArgumentException("collection changed while being written (" + announced
                    + " elements announced, " + written + " written)");
        }
    }

    private static void writeString(MessagePacker packer, String s) throws IOException {
        // The JDK's encoder is the fastest way to UTF-8, but it turns an unpaired surrogate into '?'.
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (containsQuestionMark(utf8)) {
            requireWellFormed(s);
        }
        packer.packRawStringHeader(utf8.length);
        packer.addPayload(utf8); // no defensive copy: the array is ours
    }

    private static boolean containsQuestionMark(byte[] utf8) {
        for (byte b : utf8) {
            if (b == '?') {
                return true;
            }
        }
        return false;
    }

    private static void requireWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate U+" + Integer.toHexString(c).toUpperCase()
                        + " at index " + i + ": a MsgPack str must be valid UTF-8");
            }
        }
    }

    private static void writeOtherNumber(MessagePacker packer, Number n) throws IOException {
        if (n instanceof Double d) {
            packer.packDouble(d);
        } else if (n instanceof Float f) {
            packer.packFloat(f);
        } else if (n instanceof Short || n instanceof Byte) {
            packer.packInt(n.intValue());
        } else if (n instanceof BigInteger big) {
            if (big.bitLength() > 64 || (big.bitLength() == 64 && big.signum() < 0)) {
                throw new IllegalArgumentException("an integer of " + big.bitLength()
                        + " bits is outside MsgPack's range [-2^63, 2^64)");
            }
            packer.packBigInteger(big); // uint 64 from 2^63 up
        } else {
            // BigDecimal included: MsgPack has no decimal type, and a double would silently round it.
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as MsgPack");
        }
    }
}
