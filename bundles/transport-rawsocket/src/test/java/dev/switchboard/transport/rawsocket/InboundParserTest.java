package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The parser alone: however a byte stream is cut into reads, the same handshake and frames come out. */
class InboundParserTest {

    /** Records what the parser hands over. */
    private static final class Recorder implements InboundParser.Handler {
        final List<String> events = new ArrayList<>();
        boolean stopAfterEachFrame;

        @Override
        public boolean onHandshake(int octets) {
            events.add("handshake " + Integer.toHexString(octets));
            return true;
        }

        @Override
        public boolean onFrame(int type, byte[] bytes, int offset, int length) {
            events.add(type + ":" + new String(bytes, offset, length, StandardCharsets.UTF_8));
            return !stopAfterEachFrame;
        }

        @Override
        public void onInvalidFrame(String problem) {
            events.add("invalid: " + problem);
        }

        @Override
        public boolean isDiscarding() {
            return false;
        }
    }

    private static byte[] stream() {
        ByteBuffer stream = ByteBuffer.allocate(200_000);
        stream.putInt(0x7FF1_0000);
        stream.put(RawSocketTestClient.frame(0, "1|first".getBytes(StandardCharsets.UTF_8)));
        stream.put(RawSocketTestClient.frame(1, "ping".getBytes(StandardCharsets.UTF_8)));
        stream.put(RawSocketTestClient.frame(0, new byte[0]));
        stream.put(RawSocketTestClient.frame(0, "x".repeat(100_000).getBytes(StandardCharsets.UTF_8)));
        stream.put(RawSocketTestClient.frame(2, "pong".getBytes(StandardCharsets.UTF_8)));
        return java.util.Arrays.copyOf(stream.array(), stream.position());
    }

    private static final List<String> EXPECTED = List.of("handshake 7ff10000", "0:1|first", "1:ping", "0:",
            "0:" + "x".repeat(100_000), "2:pong");

    @Test
    void sameFramesWhetherTheStreamArrivesWholeOrInRandomPieces() {
        byte[] stream = stream();
        Random random = new Random(7);
        for (int maxPiece : new int[] {stream.length, 1, 3, 5, 4096}) {
            Recorder recorder = new Recorder();
            InboundParser parser = new InboundParser(1 << 20, recorder);
            ByteBuffer buffer = ByteBuffer.allocate(stream.length);
            buffer.flip();
            int offset = 0;
            while (offset < stream.length) {
                int piece = Math.min(stream.length - offset, 1 + random.nextInt(maxPiece));
                // as Jetty's fill: append to the unparsed rest
                buffer.compact().put(stream, offset, piece).flip();
                offset += piece;
                assertTrue(parser.parse(buffer));
                assertTrue(buffer.remaining() < 4, "only a partial header may stay behind");
            }
            assertEquals(EXPECTED, recorder.events, "pieces of at most " + maxPiece);
        }
    }

    @Test
    void stopsAfterAFrameWhenTheHandlerSaysSoAndResumesWhereItStopped() {
        Recorder recorder = new Recorder();
        recorder.stopAfterEachFrame = true;
        InboundParser parser = new InboundParser(1 << 20, recorder);
        ByteBuffer buffer = ByteBuffer.wrap(stream());
        int calls = 0;
        while (!parser.parse(buffer)) {
            calls++;
        }
        assertEquals(EXPECTED, recorder.events);
        assertEquals(5, calls);
    }

    @Test
    void frameLongerThanAnnouncedIsInvalidAndParsingStops() {
        Recorder recorder = new Recorder();
        InboundParser parser = new InboundParser(512, recorder);
        ByteBuffer buffer = ByteBuffer.allocate(12).putInt(0x7FF1_0000).putInt(513).putInt(0).flip();
        assertFalse(parser.parse(buffer));
        assertFalse(parser.parse(buffer), "stays failed");
        assertEquals(List.of("handshake 7ff10000",
                "invalid: message frame of 513 bytes exceeds the 512 bytes announced in the handshake"), recorder.events);
    }
}
