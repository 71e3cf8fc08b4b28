package dev.switchboard.api.serializer;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * An unmodifiable list kept in its encoded form until first accessed ({@link RawPayload}). Its size is known
 * without decoding; any other access decodes it once with the {@link PayloadCodec} that produced it. Equality,
 * hash code and string form are those of the decoded list. Thread-safe.
 */
public final class RawList extends AbstractList<Object> implements RawPayload, RandomAccess {

    private final PayloadCodec codec;
    private final byte[] bytes;
    private final int size;
    private final int depth;
    private volatile List<Object> decoded; // racy single assignment of an immutable value

    /**
     * @param codec the serializer whose encoding {@code bytes} is
     * @param bytes one encoded list, already validated by {@code codec}; the wrapper takes ownership
     * @param size  its number of elements
     * @param depth levels of arrays and maps in it, itself included
     */
    public RawList(PayloadCodec codec, byte[] bytes, int size, int depth) {
        this.codec = Objects.requireNonNull(codec);
        this.bytes = Objects.requireNonNull(bytes);
        this.size = size;
        this.depth = depth;
    }

    @Override
    public PayloadCodec codec() {
        return codec;
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public boolean isDecoded() {
        return decoded != null;
    }

    /** The decoded list, decoding it on the first call. */
    @SuppressWarnings("unchecked")
    public List<Object> decoded() {
        List<Object> d = decoded;
        if (d == null) {
            Object value = codec.decodePayload(bytes);
            if (!(value instanceof List<?> list) || list.size() != size) {
                throw new IllegalStateException("payload decoded to " + (value == null ? "null" : value.getClass().getName())
                        + " instead of a list of " + size);
            }
            d = (List<Object>) list;
            decoded = d;
        }
        return d;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Object get(int index) {
        return decoded().get(index);
    }

    @Override
    public Iterator<Object> iterator() {
        return decoded().iterator();
    }

    @Override
    public void forEach(Consumer<? super Object> action) {
        decoded().forEach(action);
    }

    @Override
    public Object[] toArray() {
        return decoded().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return decoded().toArray(a);
    }

    @Override
    public boolean contains(Object o) {
        return decoded().contains(o);
    }

    @Override
    public int indexOf(Object o) {
        return decoded().indexOf(o);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof RawList other && other.codec == codec && Arrays.equals(other.bytes, bytes)) {
            return true; // the same encoding of one codec is the same value
        }
        return o instanceof List<?> && decoded().equals(o);
    }

    @Override
    public int hashCode() {
        return decoded().hashCode();
    }

    @Override
    public String toString() {
        return decoded().toString();
    }
}
