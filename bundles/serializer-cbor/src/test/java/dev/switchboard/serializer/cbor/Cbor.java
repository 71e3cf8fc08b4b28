package dev.switchboard.serializer.cbor;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import java.util.HexFormat;

/** Test helpers: hex in and out of the serializer. */
final class Cbor {

    static final CborSerializer SERIALIZER = new CborSerializer();

    private static final HexFormat HEX = HexFormat.of();

    private Cbor() {}

    /** Decodes hex digits; spaces are ignored so that golden values can be grouped by value. */
    static Message decode(String hex) throws DecodeException {
        byte[] bytes = bytes(hex);
        return SERIALIZER.decode(bytes, 0, bytes.length);
    }

    static String encode(Message message) {
        return HEX.formatHex(SERIALIZER.encode(message));
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }
}
