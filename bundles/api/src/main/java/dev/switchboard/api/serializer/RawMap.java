package dev.switchboard.api.serializer;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An unmodifiable map with string keys kept in its encoded form until first accessed ({@link RawPayload}). Its
 * size is known without decoding; any other access decodes it once with the {@link PayloadCodec} that produced
 * it. Equality, hash code and string form are those of the decoded map. Thread-safe.
 */
public final class RawMap extends AbstractMap<String, Object> implements RawPayload {

    private final PayloadCodec codec;
    private final byte[] bytes;
    private final int size;
    private final int depth;
    private volatile Map<String, Object> decoded; // racy single assignment of an immutable value

    /**
     * @param codec the serializer whose encoding {@code bytes} is
     * @param bytes one encoded map, already validated by {@code codec}; the wrapper takes ownership
     * @param size  its number of entries
     * @param depth levels of arrays and maps in it, itself included
     */
    public RawMap(PayloadCodec codec, byte[] bytes, int size, int depth) {
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

    /** The decoded map, decoding it on the first call. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> decoded() {
        Map<String, Object> d = decoded;
        if (d == null) {
            Object value = codec.decodePayload(bytes);
            if (!(value instanceof Map<?, ?> map) || map.size() != size) {
                throw new IllegalStateException("payload decoded to " + (value == null ? "null" : value.getClass().getName())
                        + " instead of a map of " + size);
            }
            d = (Map<String, Object>) map;
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
    public Object get(Object key) {
        return decoded().get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return decoded().getOrDefault(key, defaultValue);
    }

    @Override
    public boolean containsKey(Object key) {
        return decoded().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return decoded().containsValue(value);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return decoded().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return decoded().keySet();
    }

    @Override
    public Collection<Object> values() {
        return decoded().values();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        decoded().forEach(action);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof RawMap other && other.codec == codec && Arrays.equals(other.bytes, bytes)) {
            return true; // the same encoding of one codec is the same value
        }
        return o instanceof Map<?, ?> && decoded().equals(o);
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
