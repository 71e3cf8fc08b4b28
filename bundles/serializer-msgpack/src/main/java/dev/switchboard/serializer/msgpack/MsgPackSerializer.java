package dev.switchboard.serializer.msgpack;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.IdlePool;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.PayloadCodec;
import dev.switchboard.api.serializer.Serializer;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessagePacker;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code wamp.2.msgpack} serializer: binary frames, RawSocket serializer id 2. MessagePack 5 tells text
 * ({@code str}) from bytes ({@code bin}), so {@code byte[]} travels as {@code bin} and comes back as
 * {@code byte[]} (basic/messages, serializers).
 *
 * <p>Streams straight between bytes and plain values with msgpack-core's unpacker and packer, not through
 * jackson-dataformat-msgpack: its parser decodes strings leniently (invalid UTF-8 becomes U+FFFD) and turns
 * integer, boolean, float and binary map keys into text keys without a trace, both of which a router must
 * refuse. Shape and type checks of the message itself are left to {@link MessageArrays}. Thread-safe:
 * every decode uses its own unpacker (a cheap view over the array); encodes take a packer from a few idle ones.
 */
@Component(service = Serializer.class, property = Serializer.NAME_PROPERTY + "=" + MsgPackSerializer.NAME)
public final class MsgPackSerializer implements Serializer, PayloadCodec {

    static final String NAME = "msgpack";
    static final String SUBPROTOCOL = "wamp.2.msgpack";
    static final int RAW_SOCKET_ID = 2;

    /**
     * Deepest nesting of arrays and maps, counting the message array itself; the same bound as the JSON
     * serializer, so that every serializer accepts and sends the same messages. It protects every consumer
     * that walks payloads recursively from a stack overflow on attacker-chosen depth.
     */
    static final int MAX_NESTING_DEPTH = 64;

    // Keeps a hostile peer's input from flooding logs through our exception messages.
    private static final int MAX_REASON_LENGTH = 160;

    private final IdlePool<Packer> packers = new IdlePool<>(Packer::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String subprotocol() {
        return SUBPROTOCOL;
    }

    @Override
    public int rawSocketId() {
        return RAW_SOCKET_ID;
    }

    @Override
    public boolean binary() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexOutOfBoundsException when offset and length do not lie within {@code data} (a caller bug,
     *     not bad input)
     */
    @Override
    public Message decode(byte[] data, int offset, int length) throws DecodeException {
        Objects.checkFromIndexSize(offset, length, data.length);
        return MessageArrays.fromArray(parse(data, offset, length));
    }

    /**
     * The payload elements (args, kwargs) of the messages the router forwards are validated as usual but kept
     * as their bytes ({@link dev.switchboard.api.serializer.RawList}, {@link dev.switchboard.api.serializer.RawMap}):
     * {@link #encode} copies them verbatim, anyone else who looks decodes them with {@link #decodePayload}.
     */
    private List<Object> parse(byte[] data, int offset, int length) throws DecodeException {
        try {
            return MsgPackValueReader.readMessageArray(data, offset, length, this);
        } catch (MessageInsufficientBufferException e) {
            throw new DecodeException("truncated MsgPack input");
        } catch (MessageSizeException e) {
            // A 32-bit length or count of 2^31 or more: beyond any Java array, and beyond any frame.
            throw new DecodeException("MsgPack length " + e.getSize() + " is too large");
        } catch (IOException | RuntimeException e) {
            // Input is untrusted: whatever the unpacker throws on it is the peer's protocol violation.
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DecodeException("malformed MsgPack: " + abbreviate(reason));
        }
    }

    @Override
    public Object decodePayload(byte[] bytes) {
        try {
            return MsgPackValueReader.readSingleValue(bytes);
        } catch (IOException | DecodeException | RuntimeException e) {
            throw new IllegalStateException("a payload validated on decode does not decode", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the message holds a value MsgPack cannot carry: an integer outside
     *     [-2^63, 2^64), a string with an unpaired surrogate, a map key that is not a string, a type outside the
     *     message model, or nesting deeper than {@link #MAX_NESTING_DEPTH}
     */
    @Override
    public byte[] encode(Message message) {
        Packer packer = packers.take();
        byte[] bytes;
        try {
            bytes = packer.pack(MessageArrays.toArray(message));
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // PackedBytes never throws
        }
        packers.giveBack(packer); // not after a failure: the packer may have stopped in the middle of a value
        return bytes;
    }

    /**
     * A packer with its output, for one encode at a time: creating them per message cost more garbage than the
     * message (the packer, its string encoder, the output's first buffer).
     */
    private static final class Packer {
        private final PackedBytes out = new PackedBytes();
        private final MessagePacker packer = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(out);

        byte[] pack(Object value) throws IOException {
            MsgPackValueWriter.writeValue(packer, value, 0);
            packer.flush();
            return out.takeBytes();
        }
    }

    static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH) + "...";
    }

    @Override
    public String toString() {
        return "MsgPackSerializer[" + SUBPROTOCOL + "]";
    }
}
