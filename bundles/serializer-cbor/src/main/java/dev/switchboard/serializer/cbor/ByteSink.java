package dev.switchboard.serializer.cbor;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Collects the generator's output into one array. The CBOR generator buffers internally (16000 bytes, kept
 * by its encoder) and hands most messages over in a single write on flush; that write becomes the result as an
 * exactly sized copy, so a typical message costs one allocation here. Not thread-safe; one encode at a time.
 * (The same class as the JSON bundle's: bundles share no private code.)
 */
final class ByteSink extends OutputStream {

    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer = EMPTY;
    private int size;

    @Override
    public void write(int b) {
        ensureRoom(1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (size == 0 && buffer.length == 0) {
            buffer = Arrays.copyOfRange(bytes, offset, offset + length);
        } else {
            ensureRoom(length);
            System.arraycopy(bytes, offset, buffer, size, length);
        }
        size += length;
    }

    private void ensureRoom(int extra) {
        int needed = Math.addExact(size, extra);
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, needed + 1);
        }
    }

    /** The bytes written so far; the internal array itself when it is exactly full. */
    byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /** The bytes written so far, leaving the sink empty for the next message (and holding no buffer). */
    byte[] takeBytes() {
        byte[] bytes = toByteArray();
        buffer = EMPTY;
        size = 0;
        return bytes;
    }
}
