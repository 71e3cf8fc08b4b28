package dev.switchboard.transport.websocket;

import static dev.switchboard.transport.websocket.MessageAssembler.Outcome.COMPLETE;
import static dev.switchboard.transport.websocket.MessageAssembler.Outcome.INCOMPLETE;
import static dev.switchboard.transport.websocket.MessageAssembler.Outcome.OUT_OF_SEQUENCE;
import static dev.switchboard.transport.websocket.MessageAssembler.Outcome.TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    private final MessageAssembler assembler = new MessageAssembler(10);

    @Test
    void singleFrameIsOneMessage() {
        assertEquals(COMPLETE, assembler.append(frame(OpCode.TEXT, true, "hello")));

        MessageAssembler.AssembledMessage message = assembler.take();
        assertTrue(message.text());
        assertArrayEquals(bytes("hello"), message.bytes());
    }

    @Test
    void fragmentsAreJoinedInOrder() {
        assertEquals(INCOMPLETE, assembler.append(frame(OpCode.BINARY, false, "ab")));
        assertEquals(INCOMPLETE, assembler.append(frame(OpCode.CONTINUATION, false, "cde")));
        assertEquals(COMPLETE, assembler.append(frame(OpCode.CONTINUATION, true, "fghij")));

        MessageAssembler.AssembledMessage message = assembler.take();
        assertFalse(message.text());
        assertArrayEquals(bytes("abcdefghij"), message.bytes());
    }

    @Test
    void emptyMessageIsComplete() {
        assertEquals(COMPLETE, assembler.append(frame(OpCode.TEXT, true, "")));
        assertEquals(0, assembler.take().bytes().length);
    }

    @Test
    void messageOverTheLimitAcrossFragmentsIsTooLarge() {
        assertEquals(INCOMPLETE, assembler.append(frame(OpCode.TEXT, false, "123456")));
        assertEquals(TOO_LARGE, assembler.append(frame(OpCode.CONTINUATION, true, "78901")));
    }

    @Test
    void singleFrameOverTheLimitIsTooLarge() {
        assertEquals(TOO_LARGE, assembler.append(frame(OpCode.TEXT, true, "12345678901")));
    }

    @Test
    void continuationWithoutStartIsOutOfSequence() {
        assertEquals(OUT_OF_SEQUENCE, assembler.append(frame(OpCode.CONTINUATION, true, "x")));
    }

    @Test
    void newMessageBeforeTheLastEndedIsOutOfSequence() {
        assembler.append(frame(OpCode.TEXT, false, "x"));
        assertEquals(OUT_OF_SEQUENCE, assembler.append(frame(OpCode.TEXT, true, "y")));
    }

    @Test
    void nextMessageStartsClean() {
        assembler.append(frame(OpCode.TEXT, false, "abc"));
        assembler.append(frame(OpCode.CONTINUATION, true, "def"));
        assembler.take();

        assertEquals(COMPLETE, assembler.append(frame(OpCode.TEXT, true, "xyz")));
        assertArrayEquals(bytes("xyz"), assembler.take().bytes());
    }

    private static Frame frame(byte opCode, boolean fin, String payload) {
        return new Frame(opCode, fin, ByteBuffer.wrap(bytes(payload)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
