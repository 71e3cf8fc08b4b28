package dev.switchboard.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.message.Publish;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.EncodeContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Encoding big, deep and unusual payloads in JSON; what cannot be encoded fails loudly (the contract's tests). */
class EncodeTest extends EncodeContract {

    @Override
    protected Serializer serializer() {
        return Json.SERIALIZER;
    }

    @Override
    protected int maxNestingDepth() {
        return WampJsonFactory.MAX_NESTING_DEPTH;
    }

    @Override
    protected int[] bufferBoundarySizes() {
        // Jackson flushes its 8000-byte buffer in several writes here: exercises ByteSink's append path.
        return IntStream.range(7_990, 8_020).toArray();
    }

    @Override
    protected String resultWithNulls() {
        return "[50,1,{},[null],{\"a\":null}]";
    }

    @Override
    protected boolean writesLengthHeaders() {
        return false;
    }

    @Override
    protected String show(byte[] encoded) {
        return new String(encoded, StandardCharsets.UTF_8);
    }

    @Test
    void encodesMessagesJustAboveTheGeneratorBufferSizeToTheExactLength() throws Exception {
        for (int size : bufferBoundarySizes()) {
            Publish publish = new Publish(1, Map.of(), "t", List.of("y".repeat(size)), null);
            byte[] encoded = Json.SERIALIZER.encode(publish);
            assertEquals(size + "[16,1,{},\"t\",[\"\"]]".length(), encoded.length);
            assertEquals(publish, Json.SERIALIZER.decode(encoded, 0, encoded.length));
        }
    }
}
