package dev.switchboard.serializer.json;

import dev.switchboard.api.serializer.DecodeException;
import java.util.Base64;

/**
 * The WAMP convention for binary values in JSON (advanced/serialization_binary_json): a byte array
 * travels as a string of a NUL character followed by its base64 (RFC 4648 section 4, with padding).
 *
 * <p>Consequence of the convention: a text string that itself starts with NUL cannot be sent over JSON;
 * it is written unchanged and a JSON peer will read it as binary.
 */
final class BinaryStrings {

    static final char MARKER = '\0';

    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    // Lenient about missing padding (as the JDK decoder is), strict about the alphabet.
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private BinaryStrings() {}

    /** The decoded string: itself, or its bytes when it carries the binary marker. */
    static Object decode(String text) throws DecodeException {
        if (text.isEmpty() || text.charAt(0) != MARKER) {
            return text;
        }
        byte[] base64 = new byte[text.length() - 1];
        for (int i = 0; i < base64.length; i++) {
            char c = text.charAt(i + 1);
            if (c > 0x7F) {
                throw new DecodeException("invalid base64 in binary string: non-ASCII character");
            }
            base64[i] = (byte) c;
        }
        try {
            return DECODER.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("invalid base64 in binary string: " + e.getMessage());
        }
    }

    /** The UTF-8 text of the marked string for {@code bytes}, built in one array. */
    static byte[] encode(byte[] bytes) {
        byte[] text = new byte[1 + 4 * ((bytes.length + 2) / 3)];
        int length = ENCODER.encode(bytes, text);
        System.arraycopy(text, 0, text, 1, length); // shift right to make room for the marker; overlap-safe
        text[0] = MARKER;
        return text;
    }
}
