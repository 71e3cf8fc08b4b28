package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The pure parts: handshake octets, frame headers, payload assembly. */
class CodecUnitTest {

    @Test
    void handshakeRequestIsParsedFieldByField() {
        Handshake.Request request = Handshake.Request.parse(0x7F_F2_0000);
        assertEquals(0x7F, request.magic());
        assertEquals(1 << 24, request.maxLength());
        assertEquals(2, request.serializerId());
        assertEquals(0, request.reservedOctets());
        assertEquals(512, Handshake.Request.parse(0x7F_01_0001).maxLength());
        assertEquals(1, Handshake.Request.parse(0x7F_01_0001).reservedOctets());
    }

    @Test
    void replyOctetsFollowTheSpec() {
        assertArrayEquals(new byte[] {0x7F, (byte) 0xB3, 0, 0}, Handshake.accept(11, 3).array());
        assertArrayEquals(new byte[] {0x7F, 0x10, 0, 0}, Handshake.refuse(Handshake.Refusal.SERIALIZER_UNSUPPORTED).array());
        assertArrayEquals(new byte[] {0x7F, 0x30, 0, 0}, Handshake.refuse(Handshake.Refusal.RESERVED_BITS_USED).array());
        assertArrayEquals(new byte[] {0x7F, 0x40, 0, 0},
                Handshake.refuse(Handshake.Refusal.MAX_CONNECTION_COUNT_REACHED).array());
    }

    @Test
    void lengthExponentRoundsDownToTheSpecsPowerOfTwoSteps() {
        assertEquals(0, Handshake.exponentFor(512));
        assertEquals(0, Handshake.exponentFor(1023));
        assertEquals(11, Handshake.exponentFor(1 << 20));
        assertEquals(15, Handshake.exponentFor(1 << 24));
        assertThrows(IllegalArgumentException.class, () -> Handshake.exponentFor(511));
        assertThrows(IllegalArgumentException.class, () -> Handshake.exponentFor((1 << 24) + 1));
    }

    @Test
    void frameHeaderUsesTheXBitOnlyForExactly16MiB() {
        assertEquals(0x0100_0005, FrameHeader.encode(FrameHeader.PING, 5).getInt(0));
        assertEquals(0x00FF_FFFF, FrameHeader.encode(FrameHeader.MESSAGE, (1 << 24) - 1).getInt(0));
        assertEquals(0x0A00_0000, FrameHeader.encode(FrameHeader.PONG, 1 << 24).getInt(0));
        assertEquals(1 << 24, FrameHeader.payloadLength(0x0800_0000));
        assertEquals(-1, FrameHeader.payloadLength(0x0800_0001), "X bit with length bits is no valid length");
        assertEquals(3, FrameHeader.type(0x0300_0000));
        assertEquals(1, FrameHeader.reservedBits(0x1000_0000));
    }

    @Test
    void assemblerGrowsWithArrivedBytesNotWithTheAnnouncedLength() {
        PayloadAssembler hostile = new PayloadAssembler(1 << 24);
        hostile.append(ByteBuffer.wrap(new byte[] {42}));
        assertFalse(hostile.isComplete());
        assertEquals(PayloadAssembler.INITIAL_CAPACITY, hostile.bytes().length);

        PayloadAssembler assembler = new PayloadAssembler(200_000);
        byte[] chunk = new byte[70_000];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) i;
        }
        ByteBuffer source = ByteBuffer.wrap(chunk);
        assembler.append(source);
        assembler.append(ByteBuffer.wrap(chunk));
        ByteBuffer rest = ByteBuffer.wrap(chunk);
        assembler.append(rest);
        assertTrue(assembler.isComplete());
        assertEquals(10_000, rest.remaining(), "takes no byte beyond the frame");
        assertEquals(200_000, assembler.bytes().length);
        assertEquals((byte) 69_999, assembler.bytes()[69_999]);
        assertEquals((byte) 0, assembler.bytes()[140_000]);
    }
}
