package dev.switchboard.serializer.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSinkTest {

    @Test
    void emptySinkGivesEmptyArray() {
        assertArrayEquals(new byte[0], new ByteSink().toByteArray());
    }

    @Test
    void singleWriteBecomesTheResultWithoutFurtherCopy() {
        ByteSink sink = new ByteSink();
        sink.write(new byte[] {9, 1, 2, 3, 9}, 1, 3);
        byte[] first = sink.toByteArray();
        assertArrayEquals(new byte[] {1, 2, 3}, first);
        assertSame(first, sink.toByteArray());
    }

    @Test
    void mixedWritesMatchAByteArrayOutputStream() {
        Random random = new Random(5);
        ByteSink sink = new ByteSink();
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        for (int i = 0; i < 2_000; i++) {
            if (random.nextBoolean()) {
                int b = random.nextInt(256);
                sink.write(b);
                reference.write(b);
            } else {
                byte[] chunk = new byte[random.nextInt(50)];
                random.nextBytes(chunk);
                int offset = chunk.length == 0 ? 0 : random.nextInt(chunk.length);
                int length = chunk.length - offset;
                sink.write(chunk, offset, length);
                reference.write(chunk, offset, length);
            }
        }
        assertArrayEquals(reference.toByteArray(), sink.toByteArray());
    }

    @Test
    void rejectsSlicesOutsideTheSource() {
        assertThrows(IndexOutOfBoundsException.class, () -> new ByteSink().write(new byte[2], 1, 2));
    }
}
