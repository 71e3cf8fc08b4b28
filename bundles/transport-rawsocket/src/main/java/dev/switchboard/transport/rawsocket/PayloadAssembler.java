package dev.switchboard.transport.rawsocket;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects the payload of one frame that did not arrive in a single read. Memory grows with the bytes that
 * actually arrived, never with the length the peer announced: a client that announces 16 MiB and sends one byte
 * costs {@link #INITIAL_CAPACITY} at most. Confined to the reading thread.
 */
final class PayloadAssembler {

    static final int INITIAL_CAPACITY = 64 * 1024;

    private final int expectedLength;
    private byte[] bytes;
    private int size;

    PayloadAssembler(int expectedLength) {
        this.expectedLength = expectedLength;
        this.bytes = new byte[Math.min(expectedLength, INITIAL_CAPACITY)];
    }

    /** Takes as many bytes from {@code source} as the payload still needs. */
    void append(ByteBuffer source) {
        int count = Math.min(source.remaining(), expectedLength - size);
        if (size + count > bytes.length) {
            // Doubling keeps copies amortised O(n); capped so the final array is exactly the payload length.
            int capacity = (int) Math.min(expectedLength, Math.max((long) bytes.length * 2, size + count));
            bytes = Arrays.copyOf(bytes, capacity);
        }
        source.get(bytes, size, count);
        size += count;
    }

    boolean isComplete() {
        return size == expectedLength;
    }

    /** The payload, valid from offset 0 for {@link #length()} bytes once complete. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return expectedLength;
    }

    @Override
    public String toString() {
        return size + "/" + expectedLength + " bytes";
    }
}
