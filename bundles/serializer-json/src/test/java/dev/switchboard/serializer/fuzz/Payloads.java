package dev.switchboard.serializer.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random payload values of the message model ({@code null}, Boolean, the integer types, Double, Float, String,
 * {@code byte[]}, List, Map with String keys), biased towards the edges where encodings change form.
 */
public final class Payloads {

    /** Containers nest at most this deep inside a payload (the serializers allow 64 with the message array). */
    static final int MAX_DEPTH = 5;

    private static final long[] INTEGER_EDGES = {0, 1, -1, 23, 24, -24, -25, 127, 128, -128, -129, 255, 256, 65535,
        65536, -32768, -32769, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
        0xFFFFFFFFL, 0x100000000L, 1L << 53, -(1L << 53), (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE};

    private static final double[] DOUBLE_EDGES = {0.0, -0.0, 1.0, -1.0, 0.1, 1.5, 100.0, 1e300, -1e300, 4.9e-324,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 65504.0, 6.103515625e-5, 3.4028234663852886e38,
        9007199254740993.0};

    private static final String[] TEXT_EDGES = {"", " ", "a", "com.example.x", "wamp.error.canceled", "\"", "\\",
        "\"\\/\b\f\n\r\t", "\u0001\u001f\u007f", "é", "€", "中文", "😀", "𝄞", "\uFFFF", "\uFFFE", "\u2028\u2029",
        "\u00a0", "null", "true", "[]", "{}", "0", "-0", "1e400", "\ud83d\ude00\ud83d\ude00"};

    private Payloads() {}

    /** A payload value the profile's serializer must round-trip. */
    public static Object value(SplittableRandom r, ValueProfile p, int depth) {
        int pick = r.nextInt(depth >= MAX_DEPTH ? 80 : 100);
        if (pick < 18) return text(r, p);
        if (pick < 34) return integer(r, p);
        if (pick < 42) return r.nextBoolean();
        if (pick < 47) return null;
        if (pick < 56) return floating(r, p);
        if (pick < 62) return bytes(r);
        if (pick < 66) return r.nextBoolean() ? (Object) (short) r.nextInt(-32768, 32768) : (Object) (byte) r.nextInt(-128, 128);
        if (pick < 70) return floatValue(r, p);
        if (pick < 80) return bigInteger(r, p);
        if (pick < 90) return list(r, p, depth + 1);
        return dict(r, p, depth + 1);
    }

    public static List<Object> list(SplittableRandom r, ValueProfile p, int depth) {
        int n = size(r);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(value(r, p, depth));
        }
        return r.nextInt(4) == 0 ? Collections.unmodifiableList(list) : list;
    }

    public static Map<String, Object> dict(SplittableRandom r, ValueProfile p, int depth) {
        int n = size(r);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(key(r, p), value(r, p, depth));
        }
        return map;
    }

    private static int size(SplittableRandom r) {
        int pick = r.nextInt(10);
        return pick < 3 ? 0 : pick < 8 ? r.nextInt(1, 4) : r.nextInt(4, 12);
    }

    static String key(SplittableRandom r, ValueProfile p) {
        if (r.nextInt(3) == 0) {
            return List.of("match", "acknowledge", "roles", "progress", "x", "").get(r.nextInt(6));
        }
        String key = text(r, p);
        while (key.getBytes(StandardCharsets.UTF_8).length > p.maxKeyBytes()) {
            key = key.substring(0, key.offsetByCodePoints(0, key.codePointCount(0, key.length()) / 2));
        }
        return key;
    }

    /** A dict key longer than any serializer's limit for keys, for the wild payloads. */
    private static String longKey(SplittableRandom r) {
        return "k".repeat(r.nextInt(1000, 1100)) + "é".repeat(r.nextInt(0, 20));
    }

    /** Well-formed UTF-16 text (no unpaired surrogates): every serializer carries it. */
    public static String text(SplittableRandom r, ValueProfile p) {
        String s;
        if (r.nextInt(4) == 0) {
            s = TEXT_EDGES[r.nextInt(TEXT_EDGES.length)];
        } else {
            int length = r.nextInt(10) == 0 ? r.nextInt(100, 2000) : r.nextInt(0, 16);
            StringBuilder b = new StringBuilder(length);
            int alphabet = r.nextInt(5);
            for (int i = 0; i < length; i++) {
                b.appendCodePoint(codePoint(r, alphabet));
            }
            s = b.toString();
        }
        if (!p.nulLeadingText() && s.startsWith("\0")) {
            s = "x" + s;
        }
        return s;
    }

    private static int codePoint(SplittableRandom r, int alphabet) {
        int c = switch (alphabet == 4 ? r.nextInt(4) : alphabet) {
            case 0 -> r.nextInt(0x20, 0x7f); // printable ASCII
            case 1 -> r.nextInt(0, 0x100); // Latin-1, control characters and NUL included
            case 2 -> r.nextInt(0, 0x10000); // the BMP
            default -> r.nextInt(0x10000, 0x110000); // supplementary planes: surrogate pairs in UTF-16
        };
        return Character.isSurrogate((char) c) && c < 0x10000 ? 'S' : c;
    }

    static Object integer(SplittableRandom r, ValueProfile p) {
        long v = switch (r.nextInt(4)) {
            case 0 -> INTEGER_EDGES[r.nextInt(INTEGER_EDGES.length)];
            case 1 -> r.nextInt(-1000, 1000);
            case 2 -> r.nextInt();
            default -> r.nextLong();
        };
        return (int) v == v && r.nextBoolean() ? (Object) (int) v : (Object) v;
    }

    private static Object bigInteger(SplittableRandom r, ValueProfile p) {
        BigInteger v = switch (r.nextInt(4)) {
            case 0 -> p.maxInteger();
            case 1 -> p.minInteger();
            case 2 -> BigInteger.TWO.pow(63).add(BigInteger.valueOf(r.nextInt(0, 3))).multiply(
                    BigInteger.valueOf(r.nextBoolean() ? 1 : -1)).subtract(BigInteger.ONE);
            default -> new BigInteger(r.nextInt(1, p.maxInteger().bitLength() + 1), new java.util.Random(r.nextLong()))
                    .multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
        };
        return v.max(p.minInteger()).min(p.maxInteger());
    }

    private static Double floating(SplittableRandom r, ValueProfile p) {
        double d = switch (r.nextInt(p.nonFinite() ? 5 : 4)) {
            case 0 -> DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)];
            case 1 -> r.nextDouble(-1000, 1000);
            case 2 -> Double.longBitsToDouble(r.nextLong());
            case 3 -> r.nextInt(-100, 100) / 4.0;
            default -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(3)];
        };
        return !p.nonFinite() && !Double.isFinite(d) ? 0.5 : d;
    }

    private static Float floatValue(SplittableRandom r, ValueProfile p) {
        float f = r.nextBoolean() ? Float.intBitsToFloat(r.nextInt()) : (float) r.nextDouble(-100, 100);
        return !p.nonFinite() && !Float.isFinite(f) ? 0.25f : f;
    }

    static byte[] bytes(SplittableRandom r) {
        byte[] b = new byte[r.nextInt(10) == 0 ? r.nextInt(100, 600) : r.nextInt(0, 24)];
        r.nextBytes(b);
        return b;
    }

    /**
     * A value that may be outside what the serializer carries: what an in-process component can put into a
     * message. Encoding it must either fail with an IllegalArgumentException or give bytes that decode to it.
     */
    public static Object wildValue(SplittableRandom r, ValueProfile p, int depth) {
        if (r.nextInt(4) != 0) {
            return depth >= MAX_DEPTH ? value(r, p, depth) : switch (r.nextInt(3)) {
                case 0 -> wildList(r, p, depth + 1);
                case 1 -> wildDict(r, p, depth + 1);
                default -> value(r, p, depth);
            };
        }
        return switch (r.nextInt(12)) {
            case 0 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(3)];
            case 1 -> new float[] {Float.NaN, Float.POSITIVE_INFINITY}[r.nextInt(2)];
            case 2 -> "lone " + (char) r.nextInt(0xD800, 0xE000) + " surrogate";
            case 3 -> BigInteger.TWO.pow(r.nextInt(64, 1200)).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1))
                    .add(BigInteger.valueOf(r.nextInt(-2, 3)));
            case 4 -> new BigDecimal(new BigInteger(r.nextInt(1, 400), new java.util.Random(r.nextLong())),
                    r.nextInt(-500, 500));
            case 5 -> new BigDecimal(r.nextDouble(-10, 10));
            case 6 -> Map.of(r.nextInt(100), "integer key");
            case 7 -> nested(r.nextInt(55, 80));
            case 8 -> 'c';
            case 9 -> new Object();
            case 10 -> java.util.Arrays.asList(1, null, "x");
            default -> Collections.singletonMap(null, 1);
        };
    }

    private static List<Object> wildList(SplittableRandom r, ValueProfile p, int depth) {
        int n = size(r);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(wildValue(r, p, depth));
        }
        return list;
    }

    public static Map<String, Object> wildDict(SplittableRandom r, ValueProfile p, int depth) {
        int n = size(r);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(20);
            map.put(pick == 0 ? "lone \udc00 key" : pick == 1 ? longKey(r) : key(r, p), wildValue(r, p, depth));
        }
        return map;
    }

    private static Object nested(int depth) {
        Object v = 1;
        for (int i = 0; i < depth; i++) {
            v = i % 2 == 0 ? List.of(v) : Map.of("k", v);
        }
        return v;
    }

    /** A map that keeps the given order, so that encoded bytes are deterministic. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
