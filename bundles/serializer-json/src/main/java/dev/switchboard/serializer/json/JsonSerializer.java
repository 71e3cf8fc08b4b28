package dev.switchboard.serializer.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.IdlePool;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.PayloadCodec;
import dev.switchboard.api.serializer.Serializer;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code wamp.2.json} serializer: UTF-8 text frames, RawSocket serializer id 1, binary values carried
 * as strings of a NUL character followed by base64 (advanced/serialization_binary_json).
 *
 * <p>Streams straight between bytes and plain values with Jackson's parser and generator; shape and type
 * checks of the message itself are left to {@link MessageArrays}. Thread-safe; keeps a few idle generators.
 */
@Component(service = Serializer.class, property = Serializer.NAME_PROPERTY + "=" + JsonSerializer.NAME)
public final class JsonSerializer implements Serializer, PayloadCodec {

    static final String NAME = "json";
    static final String SUBPROTOCOL = "wamp.2.json";
    static final int RAW_SOCKET_ID = 1;

    // Thread-safe once built; created once so parsers and generators share its buffer recycling.
    private static final JsonFactory JSON = WampJsonFactory.create();

    private final IdlePool<Encoder> encoders = new IdlePool<>(Encoder::new);

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
        return false;
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
        try (JsonParser parser = JSON.createParser(data, offset, length)) {
            return JsonValueReader.readMessageArray(parser, this, data, offset);
        } catch (JsonProcessingException e) {
            throw new DecodeException("malformed JSON: " + describe(e));
        } catch (IOException | RuntimeException e) {
            // Input is untrusted: whatever the parser throws on it is the peer's protocol violation.
            throw new DecodeException("malformed JSON: " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    @Override
    public Object decodePayload(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            return JsonValueReader.readSingleValue(parser);
        } catch (IOException | DecodeException | RuntimeException e) {
            throw new IllegalStateException("a payload validated on decode does not decode", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the message holds a value JSON cannot carry: NaN or an infinity,
     *     a map key that is not a string, a type outside the message model, or nesting deeper than
     *     {@link WampJsonFactory#MAX_NESTING_DEPTH}
     */
    @Override
    public byte[] encode(Message message) {
        Encoder encoder = encoders.take();
        byte[] bytes;
        try {
            bytes = encoder.encode(MessageArrays.toArray(message));
        } catch (JsonProcessingException e) {
            // the encoder is dropped: its generator stopped in the middle of a value
            throw new IllegalArgumentException("cannot encode message type " + message.type() + " as JSON: "
                    + describe(e), e);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // ByteSink never throws
        }
        encoders.giveBack(encoder);
        return bytes;
    }

    /**
     * A generator with its sink, for one encode at a time. Creating a Jackson generator per message cost about as
     * much garbage as the message itself (the generator, its I/O context and write context); this one writes
     * message after message as root values with nothing between them.
     */
    private static final class Encoder {
        private final ByteSink sink = new ByteSink();
        private final JsonGenerator generator;

        Encoder() {
            try {
                generator = JSON.createGenerator(sink);
            } catch (IOException e) {
                throw new IllegalStateException("creating a generator over memory failed", e);
            }
            generator.setRootValueSeparator(null);
        }

        byte[] encode(Object value) throws IOException {
            JsonValueWriter.writeValue(generator, value);
            generator.flush();
            return sink.takeBytes();
        }
    }

    /** Jackson's own reason without its location details, plus where it happened. */
    private static String describe(JsonProcessingException e) {
        String reason = String.valueOf(e.getOriginalMessage());
        int source = reason.indexOf("[Source:"); // e.g. "... (start marker at [Source: ...; line: 1, ...])"
        if (source >= 0) {
            int aside = reason.lastIndexOf(" (", source);
            reason = reason.substring(0, aside >= 0 ? aside : source);
        }
        reason = abbreviate(reason);
        JsonLocation at = e.getLocation();
        return at == null || at.getColumnNr() < 0 ? reason
                : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH) + "...";
    }

    @Override
    public String toString() {
        return "JsonSerializer[" + SUBPROTOCOL + "]";
    }
}
