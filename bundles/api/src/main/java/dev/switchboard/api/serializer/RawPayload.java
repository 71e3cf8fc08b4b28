package dev.switchboard.api.serializer;

/**
 * A list or map still in the encoding of the serializer that decoded it: {@link RawList} or {@link RawMap}.
 * Serializers use it to write a payload verbatim ({@link PayloadCodec}); everyone else uses the wrapper as a
 * plain {@link java.util.List} or {@link java.util.Map}, which decodes it on first access.
 */
public sealed interface RawPayload permits RawList, RawMap {

    /** The serializer whose encoding {@link #bytes()} holds. */
    PayloadCodec codec();

    /** The encoded value, exactly as received. Callers must not modify the array. */
    byte[] bytes();

    /**
     * Levels of arrays and maps in the value, itself included (1 for a list of scalars): lets a serializer
     * keep its nesting limit when it writes the bytes verbatim at some depth.
     */
    int depth();

    /** Whether the value has been decoded already (for tests and diagnostics). */
    boolean isDecoded();
}
