package dev.switchboard.transport.rawsocket;

import java.nio.ByteBuffer;

/**
 * Splits the bytes a client sends into the handshake and then frames, however the bytes were cut into reads. A frame
 * whose payload is in the buffer whole is handed over in place, without a copy; a longer one is collected by a
 * {@link PayloadAssembler} as its bytes arrive. Frames the spec forbids stop parsing. Not thread-safe: confined to
 * the connection's reader.
 */
final class InboundParser {

    /** What the connection does with what was parsed. */
    interface Handler {

        /** @return whether to parse on */
        boolean onHandshake(int octets);

        /**
         * A whole frame of a valid type and length. {@code bytes} is only valid during the call.
         *
         * @return whether to parse on
         */
        boolean onFrame(int type, byte[] bytes, int offset, int length);

        /** A frame header the spec forbids (reserved bits or type, bad length, longer than we announced). */
        void onInvalidFrame(String problem);

        /** Whether input is to be skipped from now on (closing, or after a protocol violation). */
        boolean isDiscarding();
    }

    private enum Phase { HANDSHAKE, HEADER, PAYLOAD, FAILED }

    private final int maxPayloadLength;
    private final Handler handler;
    private Phase phase = Phase.HANDSHAKE;
    private PayloadAssembler assembler;
    private int assembledType;

    /** @param maxPayloadLength the max length we announced in the handshake reply */
    InboundParser(int maxPayloadLength, Handler handler) {
        this.maxPayloadLength = maxPayloadLength;
        this.handler = handler;
    }

    /**
     * Parses what {@code in} holds, consuming it; leaves at most a partial header (under 4 bytes) behind.
     *
     * @return {@code true} when more bytes are needed, {@code false} when the handler asked to stop or a frame was
     *         invalid
     */
    boolean parse(ByteBuffer in) {
        while (true) {
            if (handler.isDiscarding()) {
                in.position(in.limit());
                return true;
            }
            switch (phase) {
                case HANDSHAKE -> {
                    if (in.remaining() < Handshake.LENGTH) {
                        return true;
                    }
                    phase = Phase.HEADER;
                    if (!handler.onHandshake(in.getInt())) {
                        return false;
                    }
                }
                case HEADER -> {
                    if (in.remaining() < FrameHeader.LENGTH) {
                        return true;
                    }
                    int header = in.getInt();
                    int length = validPayloadLength(header);
                    if (length < 0) {
                        return false;
                    }
                    int type = FrameHeader.type(header);
                    if (in.remaining() >= length) {
                        if (!handInPlace(type, in, length)) {
                            return false;
                        }
                    } else {
                        assembler = new PayloadAssembler(length);
                        assembledType = type;
                        phase = Phase.PAYLOAD;
                    }
                }
                case PAYLOAD -> {
                    assembler.append(in);
                    if (!assembler.isComplete()) {
                        return true;
                    }
                    PayloadAssembler complete = assembler;
                    assembler = null;
                    phase = Phase.HEADER;
                    if (!handler.onFrame(assembledType, complete.bytes(), 0, complete.length())) {
                        return false;
                    }
                }
                case FAILED -> {
                    return false;
                }
            }
        }
    }

    private boolean handInPlace(int type, ByteBuffer in, int length) {
        int position = in.position();
        in.position(position + length);
        if (in.hasArray()) {
            return handler.onFrame(type, in.array(), in.arrayOffset() + position, length);
        }
        byte[] copy = new byte[length];
        in.get(position, copy);
        return handler.onFrame(type, copy, 0, length);
    }

    /** @return the payload length, or -1 after reporting a frame the spec forbids */
    private int validPayloadLength(int header) {
        int type = FrameHeader.type(header);
        int length = FrameHeader.payloadLength(header);
        String problem = null;
        if (FrameHeader.reservedBits(header) != 0) {
            problem = "reserved bits set in frame header 0x" + Integer.toHexString(header);
        } else if (type > FrameHeader.PONG) {
            problem = "frame of " + FrameHeader.typeName(type);
        } else if (length < 0) {
            problem = "invalid length in frame header 0x" + Integer.toHexString(header);
        } else if (length > maxPayloadLength) {
            // Spec: "If a message received during a connection exceeds the limit requested, a Peer MUST fail the
            // connection." Applied to PING/PONG too: nothing longer than we announced is ever buffered.
            problem = FrameHeader.typeName(type) + " frame of " + length + " bytes exceeds the " + maxPayloadLength
                    + " bytes announced in the handshake";
        }
        if (problem != null) {
            phase = Phase.FAILED;
            handler.onInvalidFrame(problem);
            return -1;
        }
        return length;
    }

    @Override
    public String toString() {
        return phase + (assembler == null ? "" : " " + assembler);
    }
}
