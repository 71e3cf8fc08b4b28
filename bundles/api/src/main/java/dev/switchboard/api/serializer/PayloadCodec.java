package dev.switchboard.api.serializer;

/**
 * Implemented by a {@link Serializer} that keeps the {@code args} and {@code kwargs} of the messages it decodes
 * as their encoded bytes ({@link RawList}, {@link RawMap}) so that a payload forwarded to a peer of the same
 * serializer is copied, not decoded and encoded again (YIELD to RESULT, PUBLISH to EVENT, CALL to INVOCATION).
 *
 * <p>Only serializers call this interface; every other component sees the wrappers as plain lists and maps.
 */
public interface PayloadCodec {

    /**
     * Decodes one list or map that this codec validated and copied when it decoded a message, into the plain
     * values of the message model (unmodifiable, as a decoded message's payload is).
     *
     * @throws IllegalStateException when the bytes do not decode: a bug, since they were validated before
     */
    Object decodePayload(byte[] bytes);
}
