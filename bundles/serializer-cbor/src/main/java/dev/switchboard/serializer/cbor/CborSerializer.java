package dev.switchboard.serializer.cbor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.IdlePool;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.PayloadCodec;
import dev.switchboard.api.serializer.RawPayload;
import dev.switchboard.api.serializer.Serializer;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code wamp.2.cbor} serializer (RFC 8949): binary frames, RawSocket serializer id 3, {@code byte[]} as
 * CBOR byte strings, text as text strings, integers up to 64 bits in CBOR's own major types 0 and 1.
 *
 * <p>Streams straight between bytes and plain values with Jackson's CBOR parser and generator; shape and
 * type checks of the message itself are left to {@link MessageArrays}. Thread-safe; keeps a few idle generators.
 */
@Component(service = Serializer.class, property = Serializer.NAME_PROPERTY + "=" + CborSerializer.NAME)
public final class CborSerializer implements Serializer, PayloadCodec {

    static final String NAME = "cbor";
    static final String SUBPROTOCOL = "wamp.2.cbor";
    static final int RAW_SOCKET_ID = 3;

    // Thread-safe once built; created once so parsers and generators share its buffer recycling.
    private static final CBORFactory CBOR = WampCborFactory.create();

    // For the elements of a message array whose header encode() writes itself: one level less to nest.
    private static final CBORFactory CBOR_ELEMENTS = WampCborFactory.create(WampCborFactory.MAX_NESTING_DEPTH - 1);

    private final IdlePool<Encoder> encoders = new IdlePool<>(() -> new Encoder(CBOR));
    private final IdlePool<Encoder> elementEncoders = new IdlePool<>(() -> new Encoder(CBOR_ELEMENTS));

    // Keeps a hostile peer's input from flooding logs through our exception messages.
    private static final int MAX_REASON_LENGTH = 160;

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
        try (CBORParser parser = CBOR.createParser(data, offset, length)) {
            return CborValueReader.readMessageArray(parser, data, offset, this);
        } catch (JsonProcessingException e) {
            throw new DecodeException("malformed CBOR: " + describe(e));
        } catch (IOException | RuntimeException e) {
            // Input is untrusted: whatever the parser throws on it is the peer's protocol violation.
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DecodeException("malformed CBOR: " + abbreviate(reason));
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the message holds a value this serializer will not send: a string
     *     with an unpaired surrogate, a map key that is not a string, a decimal, a type outside the message
     *     model, or nesting deeper than {@link WampCborFactory#MAX_NESTING_DEPTH}
     */
    @Override
    public Object decodePayload(byte[] bytes) {
        try (CBORParser parser = CBOR.createParser(bytes)) {
            return CborValueReader.readSingleValue(parser, bytes);
        } catch (IOException | DecodeException | RuntimeException e) {
            throw new IllegalStateException("a payload validated on decode does not decode", e);
        }
    }

    @Override
    public byte[] encode(Message message) {
        List<Object> array = MessageArrays.toArray(message);
        boolean raw = hasRawElement(array);
        IdlePool<Encoder> pool = raw ? elementEncoders : encoders;
        Encoder encoder = pool.take();
        byte[] bytes;
        try {
            bytes = encoder.encode(array, raw);
        } catch (JsonProcessingException e) {
            // the encoder is dropped: its generator stopped in the middle of a value
            throw new IllegalArgumentException("cannot encode message type " + message.type() + " as CBOR: "
                    + describe(e), e);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // ByteSink never throws
        }
        pool.giveBack(encoder);
        return bytes;
    }

    /**
     * A generator with its sink, for one encode at a time: creating a Jackson generator per message cost about as
     * much garbage as the message itself. It writes message after message as root values.
     */
    private static final class Encoder {
        private final ByteSink sink = new ByteSink();
        private final CBORGenerator generator;

        Encoder(CBORFactory factory) {
            try {
                generator = factory.createGenerator(sink);
            } catch (IOException e) {
                throw new IllegalStateException("creating a generator over memory failed", e);
            }
        }

        byte[] encode(List<Object> array, boolean raw) throws IOException {
            if (raw) {
                writeWithRawElements(generator, array);
            } else {
                CborValueWriter.writeValue(generator, array);
            }
            generator.flush();
            return sink.takeBytes();
        }
    }

    private static boolean hasRawElement(List<Object> array) {
        for (Object element : array) {
            if (isOwnRaw(element)) {
                return true;
            }
        }
        return false;
    }

    // A raw payload sits in a message array, so it nests at most MAX_NESTING_DEPTH - 1 levels itself.
    private static boolean isOwnRaw(Object element) {
        return element instanceof RawPayload raw && raw.codec() instanceof CborSerializer
                && raw.depth() < WampCborFactory.MAX_NESTING_DEPTH;
    }

    /**
     * The message array with payloads that a CBOR serializer decoded copied verbatim. The generator can insert
     * bytes but not count them as an element of a sized array, so the array header is written here (a WAMP
     * message has fewer than 24 elements: one byte) and the elements follow as a sequence of top-level values.
     */
    private static void writeWithRawElements(CBORGenerator generator, List<Object> array) throws IOException {
        if (array.size() >= 24) {
            throw new IllegalStateException("a WAMP message of " + array.size() + " elements");
        }
        generator.writeRaw((byte) (0x80 | array.size())); // major type 4, the count in the initial byte
        for (Object element : array) {
            if (isOwnRaw(element)) {
                byte[] bytes = ((RawPayload) element).bytes();
                generator.writeBytes(bytes, 0, bytes.length);
            } else {
                CborValueWriter.writeValue(generator, element);
            }
        }
    }

    /** Jackson's own reason without the location suffix, plus the byte offset where it happened. */
    private static String describe(JsonProcessingException e) {
        String reason = abbreviate(String.valueOf(e.getOriginalMessage()));
        JsonLocation at = e.getLocation();
        return at == null || at.getByteOffset() < 0 ? reason : reason + " (byte " + at.getByteOffset() + ")";
    }

    static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH) + "...";
    }

    @Override
    public String toString() {
        return "CborSerializer[" + SUBPROTOCOL + "]";
    }
}
