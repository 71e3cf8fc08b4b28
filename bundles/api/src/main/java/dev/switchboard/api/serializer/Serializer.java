package dev.switchboard.api.serializer;

import dev.switchboard.api.message.Message;

/**
 * Turns WAMP messages into bytes and back. Implementations are registered as OSGi services with the
 * service property {@value #NAME_PROPERTY}; transports offer exactly the serializers registered at the time
 * a connection is opened. Implementations are thread-safe.
 */
public interface Serializer {

    /** Service property carrying {@link #name()}, for service filters. */
    String NAME_PROPERTY = "wamp.serializer";

    /** Short name as used in configuration, e.g. {@code json}. */
    String name();

    /** WebSocket subprotocol, e.g. {@code wamp.2.json}. */
    String subprotocol();

    /** RawSocket serializer id: 1 JSON, 2 MsgPack, 3 CBOR. */
    int rawSocketId();

    /** Whether messages travel in binary WebSocket frames (text frames otherwise, UTF-8). */
    boolean binary();

    /**
     * Decodes one whole WAMP message. The returned message must not refer to {@code data}: transports decode in
     * place from buffers they reuse.
     *
     * @throws DecodeException when the bytes are not a well-formed message of a known type
     */
    Message decode(byte[] data, int offset, int length) throws DecodeException;

    /**
     * Encodes one message. Use {@link Message#encodedWith(Serializer)} to share encodings between peers.
     *
     * @throws IllegalArgumentException when the payload holds a value this format cannot express (e.g. NaN in
     *                                  JSON) or nests too deep; the router then drops the message for this peer
     */
    byte[] encode(Message message);
}
