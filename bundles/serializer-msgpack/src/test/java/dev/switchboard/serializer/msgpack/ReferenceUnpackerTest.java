package dev.switchboard.serializer.msgpack;

import static dev.switchboard.serializer.fuzz.Payloads.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.serializer.fuzz.SameValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * Cross-checks the codec against msgpack-core's generic Value model, a separate reading and writing path:
 * what we write is MsgPack with the expected content and types (str vs bin), and what it writes we read.
 */
class ReferenceUnpackerTest {

    @Test
    void referenceUnpackerReadsWhatWeWrite() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            Message message = new Invocation(1 + i, 2, map("caller", 7), randomList(random, 3), randomMap(random, 3));
            Value parsed = MessagePack.newDefaultUnpacker(MsgPack.SERIALIZER.encode(message)).unpackValue();
            assertEquals(narrowed(SameValue.comparable(MessageArrays.toArray(message))), plain(parsed));
        }
    }

    @Test
    void weReadWhatTheReferencePackerWrites() throws Exception {
        Random random = new Random(12);
        for (int i = 0; i < 500; i++) {
            Message message = new Invocation(1 + i, 2, map("caller", 7), randomList(random, 3), randomMap(random, 3));
            MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
            packer.packValue(value(MessageArrays.toArray(message)));
            byte[] bytes = packer.toByteArray();
            Invocation back = (Invocation) MsgPack.SERIALIZER.decode(bytes, 0, bytes.length);
            assertEquals(SameValue.comparable(MessageArrays.toArray(message)), SameValue.comparable(MessageArrays.toArray(back)));
        }
    }

    /** Longs that fit an int as Integer, as any MsgPack reader returns them (message IDs are longs in the model). */
    private static Object narrowed(Object o) {
        if (o instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (o instanceof List<?> list) {
            return list.stream().map(ReferenceUnpackerTest::narrowed).toList();
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, narrowed(v)));
            return copy;
        }
        return o;
    }

    /** The Value as plain Java, byte[] as comparable hex; str and bin stay apart. */
    private static Object plain(Value v) {
        return switch (v.getValueType()) {
            case NIL -> null;
            case BOOLEAN -> v.asBooleanValue().getBoolean();
            case INTEGER -> v.asIntegerValue().isInIntRange() ? (Object) v.asIntegerValue().toInt()
                    : v.asIntegerValue().isInLongRange() ? (Object) v.asIntegerValue().toLong()
                    : v.asIntegerValue().toBigInteger();
            case FLOAT -> v.asFloatValue().toDouble();
            case STRING -> v.asStringValue().asString();
            case BINARY -> SameValue.comparable(v.asBinaryValue().asByteArray());
            case ARRAY -> v.asArrayValue().list().stream().map(ReferenceUnpackerTest::plain).toList();
            case MAP -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                v.asMapValue().map().forEach((k, x) -> m.put(k.asStringValue().asString(), plain(x)));
                yield m;
            }
            case EXTENSION -> throw new AssertionError("extension value written");
        };
    }

    private static Value value(Object o) {
        if (o == null) {
            return ValueFactory.newNil();
        } else if (o instanceof Boolean b) {
            return ValueFactory.newBoolean(b);
        } else if (o instanceof Integer n) {
            return ValueFactory.newInteger(n);
        } else if (o instanceof Long n) {
            return ValueFactory.newInteger(n);
        } else if (o instanceof Double d) {
            return ValueFactory.newFloat(d);
        } else if (o instanceof String s) {
            return ValueFactory.newString(s);
        } else if (o instanceof byte[] b) {
            return ValueFactory.newBinary(b);
        } else if (o instanceof List<?> l) {
            return ValueFactory.newArray(l.stream().map(ReferenceUnpackerTest::value).toList());
        } else if (o instanceof Map<?, ?> m) {
            ValueFactory.MapBuilder builder = ValueFactory.newMapBuilder();
            m.forEach((k, x) -> builder.put(ValueFactory.newString((String) k), value(x)));
            return builder.build();
        }
        throw new AssertionError(o.getClass());
    }

    static List<Object> randomList(Random random, int depth) {
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            list.add(randomValue(random, depth));
        }
        return list;
    }

    static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            map.put("k" + random.nextInt(1000) + "\u00e9\uD83D\uDE00", randomValue(random, depth));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0 -> random.nextInt();
            case 1 -> random.nextLong();
            case 2 -> random.nextDouble() * 1e6;
            case 3 -> "s" + random.nextInt() + "\n\"\\\u0001\u20ac\uD834\uDD1E";
            case 4 -> random.nextBoolean();
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> "";
            case 7 -> random.nextBoolean() ? null : "x".repeat(random.nextInt(300));
            case 8 -> randomList(random, depth - 1);
            default -> randomMap(random, depth - 1);
        };
    }
}
