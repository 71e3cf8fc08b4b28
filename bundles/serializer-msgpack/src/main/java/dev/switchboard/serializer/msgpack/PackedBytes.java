package dev.switchboard.serializer.msgpack;

import java.util.Arrays;
import java.util.Objects;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * The packer's output: one growing array that the packer writes into directly (each {@link #next} hands it
 * a view of the free tail), so a message costs this array plus, unless it happens to be full, one exactly
 * sized copy at the end. msgpack-core's own ArrayBufferOutput keeps a list of 8 KiB chunks instead and
 * always copies them together. Not thread-safe; one encode at a time.
 */
final class PackedBytes implements MessageBufferOutput {

    // Most WAMP messages fit; bigger ones grow by doubling.
    private static final int INITIAL_CAPACITY = 256;
    // A buffer grown beyond this for a big message is not kept for the next ones.
    private static final int MAX_KEPT_CAPACITY = 64 * 1024;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int size;

    @Override
    public MessageBuffer next(int minimumSize) {
        ensureRoom(minimumSize);
        return MessageBuffer.wrap(buffer, size, buffer.length - size);
    }

    @Override
    public void writeBuffer(int length) {
        size += length; // the packer filled the first length bytes of the view from next()
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureRoom(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    @Override
    public void add(byte[] bytes, int offset, int length) {
        write(bytes, offset, length); // the result must be one array, so taking ownership saves nothing
    }

    private void ensureRoom(int extra) {
        int needed = Math.addExact(size, extra);
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** The bytes written so far; the internal array itself when it is exactly full. */
    byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /**
     * The bytes written so far, leaving this empty for the next message: an exactly full buffer is handed over
     * (and replaced), any other is copied from and kept unless a big message grew it.
     */
    byte[] takeBytes() {
        byte[] bytes = toByteArray();
        if (bytes == buffer || buffer.length > MAX_KEPT_CAPACITY) {
            buffer = new byte[INITIAL_CAPACITY];
        }
        size = 0;
        return bytes;
    }
}
