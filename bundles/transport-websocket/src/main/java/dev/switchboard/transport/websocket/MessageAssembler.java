package dev.switchboard.transport.websocket;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Joins the data frames of one WebSocket message (a TEXT or BINARY frame and its CONTINUATION frames) into one
 * byte array: WAMP puts one message in each WebSocket message, not in each frame. Never holds more than
 * {@code maxMessageSize} bytes. Not thread-safe: Jetty delivers the frames of a connection one at a time.
 */
final class MessageAssembler {

    enum Outcome { INCOMPLETE, COMPLETE, TOO_LARGE, OUT_OF_SEQUENCE }

    /** One whole message; {@code text} tells a TEXT message from a BINARY one. */
    record AssembledMessage(boolean text, byte[] bytes) {}

    private static final byte[] EMPTY = new byte[0];

    private final int maxMessageSize;
    private byte messageOpCode = OpCode.UNDEFINED;
    private byte[] buffer = EMPTY;
    private int length;
    private AssembledMessage completed;

    MessageAssembler(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Adds a data frame; after {@link Outcome#COMPLETE}, {@link #take()} returns the message. */
    Outcome append(Frame frame) {
        byte opCode = frame.getOpCode();
        boolean startsMessage = opCode != OpCode.CONTINUATION;
        if (startsMessage == isAssembling()) {
            return Outcome.OUT_OF_SEQUENCE;
        }
        if (startsMessage) {
            messageOpCode = opCode;
        }
        ByteBuffer payload = frame.getPayload();
        int size = payload == null ? 0 : payload.remaining();
        if ((long) length + size > maxMessageSize) {
            reset();
            return Outcome.TOO_LARGE;
        }
        copy(payload, size, frame.isFin() && startsMessage);
        if (!frame.isFin()) {
            return Outcome.INCOMPLETE;
        }
        completed = new AssembledMessage(messageOpCode == OpCode.TEXT, trimmed());
        reset();
        return Outcome.COMPLETE;
    }

    AssembledMessage take() {
        AssembledMessage message = completed;
        completed = null;
        return message;
    }

    private boolean isAssembling() {
        return messageOpCode != OpCode.UNDEFINED;
    }

    /** A single-frame message gets an exact-size array: the usual case copies once and never grows. */
    private void copy(ByteBuffer payload, int size, boolean wholeMessage) {
        if (size == 0) {
            return;
        }
        if (wholeMessage) {
            buffer = new byte[size];
        } else if (length + size > buffer.length) {
            int grown = (int) Math.min(maxMessageSize, Math.max((long) length + size, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, grown);
        }
        payload.slice().get(buffer, length, size);
        length += size;
    }

    private byte[] trimmed() {
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    /** Drops the buffer so that an idle connection does not keep its largest message's array alive. */
    private void reset() {
        messageOpCode = OpCode.UNDEFINED;
        buffer = EMPTY;
        length = 0;
    }

    @Override
    public String toString() {
        return "MessageAssembler[" + (isAssembling() ? OpCode.name(messageOpCode) + " " + length + " bytes" : "idle")
                + ", max " + maxMessageSize + "]";
    }
}
