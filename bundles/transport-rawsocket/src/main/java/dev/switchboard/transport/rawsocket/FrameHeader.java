package dev.switchboard.transport.rawsocket;

import java.nio.ByteBuffer;

/**
 * The 4-octet prefix of every frame after the handshake (spec: advanced/transport_rawsocket.md, "Framing"):
 * {@code RRRR XTTT} then a 24-bit length. {@code X} is a 25th length bit, set only for a payload of exactly
 * 2^24 octets (with the 24 length bits clear). {@code TTT}: 0 WAMP message, 1 PING, 2 PONG, 3..7 reserved.
 */
final class FrameHeader {

    static final int LENGTH = 4;
    static final int MESSAGE = 0;
    static final int PING = 1;
    static final int PONG = 2;
    /** 2^24, the only length that needs the X bit. */
    static final int MAX_PAYLOAD = 1 << 24;

    private FrameHeader() {}

    static int reservedBits(int header) {
        return header >>> 28;
    }

    static int type(int header) {
        return (header >>> 24) & 0x07;
    }

    /**
     * The payload length, or {@code -1} when the X bit is set together with length bits (no such length exists).
     */
    static int payloadLength(int header) {
        int low = header & 0xFF_FFFF;
        if ((header & 0x0800_0000) == 0) {
            return low;
        }
        return low == 0 ? MAX_PAYLOAD : -1;
    }

    /** A fresh, readable 4-octet header for a frame of the given type and length (0..2^24). */
    static ByteBuffer encode(int type, int payloadLength) {
        int header = payloadLength == MAX_PAYLOAD ? (0x08 | type) << 24 : (type << 24) | payloadLength;
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        buffer.putInt(0, header);
        return buffer;
    }

    static String typeName(int type) {
        return switch (type) {
            case MESSAGE -> "message";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "reserved type " + type;
        };
    }
}
