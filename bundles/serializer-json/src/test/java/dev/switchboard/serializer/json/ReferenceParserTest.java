package dev.switchboard.serializer.json;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.serializer.fuzz.SameValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the streaming codec against an independent parser and writer (jackson-databind with
 * defaults): what we write is plain JSON with the expected content, and what others write we read.
 */
class ReferenceParserTest {

    private static final ObjectMapper REFERENCE = new ObjectMapper();

    @Test
    void referenceParserReadsWhatWeWrite() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            Message message = new Invocation(1 + i, 2, map("caller", 7), randomList(random, 3), randomMap(random, 3));
            Object parsed = REFERENCE.readValue(Json.SERIALIZER.encode(message), Object.class);
            assertEquals(canonical(MessageArrays.toArray(message)), canonical(parsed));
        }
    }

    @Test
    void weReadWhatTheReferenceWriterWrites() throws Exception {
        Random random = new Random(12);
        for (int i = 0; i < 500; i++) {
            Message message = new Invocation(1 + i, 2, map("caller", 7), randomList(random, 3), randomMap(random, 3));
            byte[] json = REFERENCE.writeValueAsBytes(canonical(MessageArrays.toArray(message)));
            Invocation back = (Invocation) Json.SERIALIZER.decode(json, 0, json.length);
            assertEquals(SameValue.comparable(MessageArrays.toArray(message)), SameValue.comparable(MessageArrays.toArray(back)),
                    new String(json, StandardCharsets.UTF_8));
        }
    }

    /** Binary as the marked strings of the convention; integers as BigInteger since JSON has one kind. */
    private static Object canonical(Object value) {
        if (value instanceof byte[] bytes) {
            return "\u0000" + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReferenceParserTest::canonical).toList();
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, canonical(v)));
            return copy;
        }
        return value;
    }

    private static List<Object> randomList(Random random, int depth) {
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            list.add(randomValue(random, depth));
        }
        return list;
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            map.put("k" + random.nextInt(1000) + "\u00e9\uD83D\uDE00", randomValue(random, depth));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> random.nextInt();
            case 1 -> random.nextLong();
            case 2 -> random.nextDouble() * 1e6;
            case 3 -> "s" + random.nextInt() + "\n\"\\\u0001\u20ac\uD834\uDD1E";
            case 4 -> random.nextBoolean();
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(20)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> "";
            case 7 -> randomList(random, depth - 1);
            default -> randomMap(random, depth - 1);
        };
    }
}
