package dev.switchboard.transport.rawsocket;

import java.nio.ByteBuffer;

/**
 * The 4-octet RawSocket opening handshake (spec: advanced/transport_rawsocket.md, "Handshake"):
 * {@code 0x7F, LLLL SSSS, 0x00, 0x00}. The client's {@code LLLL} is the longest message it accepts, as
 * {@code 2^(9+L)} octets; the router's reply carries its own limit the same way and echoes {@code SSSS}.
 * An error reply is {@code 0x7F, EEEE 0000, 0x00, 0x00}.
 */
final class Handshake {

    static final int MAGIC = 0x7F;
    static final int LENGTH = 4;
    /** {@code 2^9}: what {@code LLLL = 0} stands for. */
    static final int MIN_MAX_LENGTH = 1 << 9;
    /** {@code 2^24}: what {@code LLLL = 15} stands for. */
    static final int MAX_MAX_LENGTH = 1 << 24;

    /** Error codes of a refusing reply, {@code EEEE}. Code 0 is illegal on the wire. */
    enum Refusal {
        SERIALIZER_UNSUPPORTED(1),
        /** Never sent: every length a client can announce (512 B to 16 MiB) is one this router can honour. */
        MAX_LENGTH_UNACCEPTABLE(2),
        RESERVED_BITS_USED(3),
        MAX_CONNECTION_COUNT_REACHED(4);

        final int code;

        Refusal(int code) {
            this.code = code;
        }
    }

    /**
     * A parsed client request.
     *
     * @param magic         the first octet; anything but {@link #MAGIC} is not RawSocket
     * @param maxLength     the longest message the client accepts, in octets
     * @param serializerId  {@code SSSS}: 1 JSON, 2 MessagePack, 3 CBOR, ...; 0 is illegal
     * @param reservedOctets the last two octets, which must be zero
     */
    record Request(int magic, int maxLength, int serializerId, int reservedOctets) {

        static Request parse(int octets) {
            int second = (octets >>> 16) & 0xFF;
            return new Request(octets >>> 24, Handshake.maxLength(second >>> 4), second & 0x0F, octets & 0xFFFF);
        }
    }

    private Handshake() {}

    /** {@code 2^(9+exponent)}. */
    static int maxLength(int exponent) {
        return 1 << (9 + exponent);
    }

    /** The largest {@code L} whose length does not exceed {@code maxLength} (rounds down to a power of two). */
    static int exponentFor(int maxLength) {
        if (maxLength < MIN_MAX_LENGTH || maxLength > MAX_MAX_LENGTH) {
            throw new IllegalArgumentException("RawSocket max length must be 512..16777216, was " + maxLength);
        }
        return 31 - Integer.numberOfLeadingZeros(maxLength) - 9;
    }

    /** Accepting reply: our own length limit, the client's serializer echoed. */
    static ByteBuffer accept(int exponent, int serializerId) {
        return reply((exponent << 4) | serializerId);
    }

    static ByteBuffer refuse(Refusal refusal) {
        return reply(refusal.code << 4);
    }

    private static ByteBuffer reply(int secondOctet) {
        return ByteBuffer.wrap(new byte[] {(byte) MAGIC, (byte) secondOctet, 0, 0});
    }
}
