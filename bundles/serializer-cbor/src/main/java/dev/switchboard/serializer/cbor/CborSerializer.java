package dev.switchboard.serializer.cbor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.MessageArrays;
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
 * type checks of the message itself are left to {@link MessageArrays}. Stateless and thread-safe.
 */
@Component(service = Serializer.class, property = Serializer.NAME_PROPERTY + "=" + CborSerializer.NAME)
public final class CborSerializer implements Serializer {

    static final String NAME = "cbor";
    static final String SUBPROTOCOL = "wamp.2.cbor";
    static final int RAW_SOCKET_ID = 3;

    // Thread-safe once built; created once so parsers and generators share its buffer recycling.
    private static final CBORFactory CBOR = WampCborFactory.create();

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

    private static List<Object> parse(byte[] data, int offset, int length) throws DecodeException {
        try (CBORParser parser = CBOR.createParser(data, offset, length)) {
            return CborValueReader.readMessageArray(parser, data, offset);
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
    public byte[] encode(Message message) {
        ByteSink sink = new ByteSink();
        try (CBORGenerator generator = CBOR.createGenerator(sink)) {
            CborValueWriter.writeValue(generator, MessageArrays.toArray(message));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode message type " + message.type() + " as CBOR: "
                    + describe(e), e);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // ByteSink never throws
        }
        return sink.toByteArray();
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
