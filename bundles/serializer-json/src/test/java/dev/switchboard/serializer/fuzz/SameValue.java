package dev.switchboard.serializer.fuzz;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.MessageArrays;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep equality of payload values as a WAMP peer sees them: byte[] by content, integers by value whatever their
 * Java type (a Long may come back as an Integer, a Short as an Integer), a Float at float precision (it may come back
 * as a Double), a BigDecimal as the double it reads as (or the integer, without a fraction), doubles bit for bit
 * except that every NaN is equal.
 */
public final class SameValue {

    private SameValue() {}

    /** @throws AssertionError naming the first place where the two messages differ */
    public static void assertSameMessage(Message expected, Message actual) {
        if (expected.type() != actual.type()) {
            throw new AssertionError("message type " + actual.type() + " instead of " + expected.type());
        }
        assertSame(MessageArrays.toArray(expected), MessageArrays.toArray(actual));
    }

    /** @throws AssertionError naming the first place where the two values differ */
    public static void assertSame(Object expected, Object actual) {
        String difference = difference("$", expected, actual);
        if (difference != null) {
            throw new AssertionError(difference);
        }
    }

    private static String difference(String path, Object e, Object a) {
        if (e == null || a == null) {
            return e == a ? null : path + ": " + show(a) + " instead of " + show(e);
        }
        if (e instanceof byte[] eb) {
            return a instanceof byte[] ab && Arrays.equals(eb, ab) ? null : path + ": " + show(a) + " instead of " + show(e);
        }
        if (e instanceof Number en) {
            return a instanceof Number an && sameNumber(en, an) ? null
                    : path + ": " + show(a) + " instead of " + show(e);
        }
        if (e instanceof List<?> el) {
            if (!(a instanceof List<?> al) || al.size() != el.size()) {
                return path + ": " + show(a) + " instead of a list of " + el.size();
            }
            for (int i = 0; i < el.size(); i++) {
                String d = difference(path + "[" + i + "]", el.get(i), al.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e instanceof Map<?, ?> em) {
            if (!(a instanceof Map<?, ?> am) || !am.keySet().equals(em.keySet())) {
                return path + ": " + show(a) + " instead of a dict with keys " + (em.keySet());
            }
            for (Map.Entry<?, ?> entry : em.entrySet()) {
                String d = difference(path + "." + entry.getKey(), entry.getValue(), am.get(entry.getKey()));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return e.equals(a) ? null : path + ": " + show(a) + " instead of " + show(e);
    }

    private static boolean sameNumber(Number e, Number a) {
        if (isInteger(e)) {
            return isInteger(a) && toBig(e).equals(toBig(a));
        }
        if (e instanceof Float f) {
            return (a instanceof Float || a instanceof Double) && Float.compare(f, a.floatValue()) == 0;
        }
        if (e instanceof BigDecimal d) {
            // Read back as a double, or as an integer when written without a fraction (scale 0: "12", not "12.0").
            return a instanceof Double ? Double.compare(d.doubleValue(), a.doubleValue()) == 0
                    : isInteger(a) && d.compareTo(new BigDecimal(toBig(a))) == 0;
        }
        return a instanceof Double && Double.compare(e.doubleValue(), a.doubleValue()) == 0;
    }

    private static boolean isInteger(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
    }

    private static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** A value with its type, short enough for a failure message. */
    public static String show(Object v) {
        StringBuilder b = new StringBuilder();
        render(v, b);
        String text = b.length() > 2000 ? b.substring(0, 2000) + "... (" + b.length() + " chars)" : b.toString();
        return v == null ? "null" : text + " (" + v.getClass().getSimpleName() + ")";
    }

    /** Java-like notation with strings escaped and typed numbers, so that what was compared is visible. */
    private static void render(Object v, StringBuilder b) {
        if (b.length() > 2000) {
            return;
        }
        if (v instanceof byte[] bytes) {
            b.append("byte[").append(bytes.length).append("]").append(HexFormat.of().formatHex(bytes, 0,
                    Math.min(bytes.length, 32)));
        } else if (v instanceof String s) {
            b.append('"').append(escape(s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + ")" : s))
                    .append('"');
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ");
                render(list.get(i), b);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : ", ");
                first = false;
                render(e.getKey(), b);
                b.append(": ");
                render(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof Number n && !(v instanceof Integer)) {
            b.append(n).append(':').append(n.getClass().getSimpleName());
        } else {
            b.append(v);
        }
    }

    /** Non-printable and non-ASCII characters as \\uXXXX, so failure messages show exactly what was compared. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static final HexFormat HEX = HexFormat.of();

    /** The value with every byte[] replaced by a comparable hex string, for deep equality checks. */
    public static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes:" + HEX.formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SameValue::comparable).toList();
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, comparable(v)));
            return copy;
        }
        return value;
    }
}
