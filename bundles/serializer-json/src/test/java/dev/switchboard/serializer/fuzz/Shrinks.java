package dev.switchboard.serializer.fuzz;

import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.MessageArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Shrinkers for failing byte inputs and failing messages, so that a failure reads as a small example. */
public final class Shrinks {

    private Shrinks() {}

    /** Shorter byte strings: halves first, then smaller and smaller ranges removed. */
    public static FuzzRunner.Shrinker<byte[]> bytes() {
        return input -> {
            int n = input.length;
            return IntStream.iterate(Math.max(1, n / 2), chunk -> chunk >= 1, chunk -> chunk / 2)
                    .boxed()
                    .flatMap(chunk -> IntStream.iterate(0, at -> at < n, at -> at + chunk)
                            .mapToObj(at -> without(input, at, Math.min(chunk, n - at))));
        };
    }

    private static byte[] without(byte[] in, int at, int length) {
        byte[] out = Arrays.copyOf(in, in.length - length);
        System.arraycopy(in, at + length, out, at, in.length - at - length);
        return out;
    }

    /** Simpler messages in array form: payload entries removed or simplified; only arrays that are messages. */
    public static FuzzRunner.Shrinker<List<Object>> messageArrays() {
        return input -> {
            Stream<List<Object>> dropLast = input.size() > 2 ? Stream.of(new ArrayList<>(input.subList(0, input.size() - 1)))
                    : Stream.empty();
            Stream<List<Object>> simpler = IntStream.range(1, input.size()).boxed()
                    .flatMap(i -> values(input.get(i)).map(v -> {
                        List<Object> copy = new ArrayList<>(input);
                        copy.set(i, v);
                        return copy;
                    }));
            return Stream.concat(dropLast, simpler).filter(Shrinks::isMessage);
        };
    }

    private static boolean isMessage(List<Object> array) {
        try {
            MessageArrays.fromArray(array);
            return true;
        } catch (DecodeException | RuntimeException e) {
            return false;
        }
    }

    /** Simpler variants of one value. */
    static Stream<Object> values(Object v) {
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return Stream.empty();
            }
            Stream<Object> removeOne = IntStream.range(0, list.size()).mapToObj(i -> {
                List<Object> copy = new ArrayList<>(list);
                copy.remove(i);
                return copy;
            });
            Stream<Object> simplifyOne = IntStream.range(0, list.size()).boxed()
                    .flatMap(i -> values(list.get(i)).map(x -> {
                        List<Object> copy = new ArrayList<>(list);
                        copy.set(i, x);
                        return copy;
                    }));
            return Stream.concat(Stream.concat(Stream.of(List.of()), removeOne), simplifyOne);
        }
        if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return Stream.empty();
            }
            List<Object> keys = new ArrayList<>(map.keySet());
            Stream<Object> removeOne = keys.stream().map(k -> {
                Map<Object, Object> copy = new LinkedHashMap<>(map);
                copy.remove(k);
                return copy;
            });
            Stream<Object> simplifyOne = keys.stream().flatMap(k -> values(map.get(k)).map(x -> {
                Map<Object, Object> copy = new LinkedHashMap<>(map);
                copy.put(k, x);
                return copy;
            }));
            return Stream.concat(Stream.concat(Stream.of(Map.of()), removeOne), simplifyOne);
        }
        if (v instanceof String s) {
            return s.isEmpty() ? Stream.empty() : s.length() == 1 ? Stream.of("") : Stream.of("",
                    s.substring(0, s.offsetByCodePoints(0, s.codePointCount(0, s.length()) / 2)));
        }
        if (v instanceof byte[] b) {
            return b.length == 0 ? Stream.empty() : Stream.of(new byte[0], Arrays.copyOf(b, b.length / 2));
        }
        if (v instanceof Number n && !(n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return Stream.of(1, 0);
        }
        return Stream.empty();
    }
}
