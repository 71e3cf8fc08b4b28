package dev.switchboard.client.remote;

import java.nio.ByteBuffer;

/**
 * The RawSocket wire format (WAMP spec, advanced/transport_rawsocket.md), client side. Handshake:
 * {@code 0x7F, LLLL SSSS, 0, 0} with {@code 2^(9+L)} the longest message the sender accepts and {@code S} the
 * serializer; the router echoes {@code S} with its own {@code L}, or refuses with {@code 0x7F, EEEE 0000, 0, 0}.
 * Frames: {@code RRRR XTTT} and a 24-bit length; {@code X} is a 25th length bit, set only for exactly 2^24 octets.
 */
final class RawSocketFraming {
    static final int MAGIC = 0x7F;
    static final int MESSAGE = 0;
    static final int PING = 1;
    static final int PONG = 2;
    static final int MIN_LENGTH = 1 << 9;
    static final int MAX_LENGTH = 1 << 24;

    private RawSocketFraming() {}

    static byte[] handshakeRequest(int maxLength, int serializerId) {
        if (serializerId < 1 || serializerId > 15) {
            throw new IllegalArgumentException("RawSocket serializer id must be 1..15, was " + serializerId);
        }
        return new byte[] {(byte) MAGIC, (byte) ((exponentFor(maxLength) << 4) | serializerId), 0, 0};
    }

    /** {@code L} for the largest power of two not above {@code maxLength} (512 B .. 16 MiB). */
    static int exponentFor(int maxLength) {
        if (maxLength < MIN_LENGTH || maxLength > MAX_LENGTH) {
            throw new IllegalArgumentException("RawSocket max message length must be 512..16777216, was " + maxLength);
        }
        return 31 - Integer.numberOfLeadingZeros(maxLength) - 9;
    }

    static int maxLength(int exponent) {
        return 1 << (9 + exponent);
    }

    /** Why a router refused a handshake, by {@code EEEE}. */
    static String refusal(int code) {
        return switch (code) {
            case 1 -> "serializer unsupported";
            case 2 -> "maximum message length unacceptable";
            case 3 -> "use of reserved bits";
            case 4 -> "maximum connection count reached";
            default -> "error code " + code;
        };
    }

    static ByteBuffer header(int type, int length) {
        int header = length == MAX_LENGTH ? (0x08 | type) << 24 : (type << 24) | length;
        return ByteBuffer.allocate(4).putInt(0, header);
    }

    static int reservedBits(int header) {
        return header >>> 28;
    }

    static int type(int header) {
        return (header >>> 24) & 0x07;
    }

    /** The payload length, or -1 for the impossible X-bit-plus-length combination. */
    static int length(int header) {
        int low = header & 0xFF_FFFF;
        if ((header & 0x0800_0000) == 0) {
            return low;
        }
        return low == 0 ? MAX_LENGTH : -1;
    }
}
