package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of hostile connections in a bounded loop: garbage, half handshakes, refused handshakes, oversize and
 * lying length announcements, abrupt resets, floods of PINGs. Afterwards a normal client must still work, every
 * connection must be gone, the router must have been told about each session exactly once, and the listener's
 * threads must be gone after stop.
 */
class AbuseIntegrationTest {

    private static final int CONNECTIONS = 3000;

    private final FakeRouter router = new FakeRouter();

    @TempDir
    Path tempDir;

    @Test
    void listenerSurvivesAbuseAndReturnsToZeroConnections() throws Exception {
        TestListeners.Settings settings = new TestListeners.Settings();
        settings.handshakeTimeout = Duration.ofMillis(500);
        settings.closeTimeout = Duration.ofMillis(500);
        settings.maxMessageSize = 1 << 20;
        settings.maxConnections = 10_000; // the default: this test is not about the limit
        Path socket = tempDir.resolve("abuse.sock");
        settings.unixSocket = socket.toString();
        ArrayByteBufferPool.Tracking buffers = new ArrayByteBufferPool.Tracking();
        RawSocketListener listener = TestListeners.start(settings, router, List.of(new TextTestSerializer()), buffers);
        Random random = new Random(42); // reproducible
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try {
            for (int i = 0; i < CONNECTIONS && System.nanoTime() < deadline; i++) {
                // Half over the Unix socket, half over TCP from rotating loopback sources (see tcpFrom).
                RawSocketTestClient client = i % 2 == 0 ? RawSocketTestClient.unix(socket)
                        : RawSocketTestClient.tcpFrom("127.0.0." + (2 + (i / 2) % 250), settings.port);
                abuse(client, (i / 2) % 10, random);
            }
            // Closes are processed asynchronously: the server may lag behind the client loop for a moment.
            assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, Duration.ofSeconds(10)),
                    "connections left: " + listener);
            try (RawSocketTestClient client = RawSocketTestClient.connected(settings.port)) {
                client.sendMessage("1|still.healthy");
                assertEquals("1|still.healthy", client.readMessage());
            }
            assertEquals(0, TestListeners.awaitConnectionCount(listener, 0, Duration.ofSeconds(10)),
                    "connections left: " + listener);
            for (FakeRouter.Session session : router.sessions) {
                assertTrue(session.awaitClosed(Duration.ofSeconds(5)));
                assertEquals(1, session.closedCalls.get());
            }
            router.assertContractKept();
            assertTrue(listener.tryAdmit(), "every admission was released");
            listener.releaseAdmission();
        } finally {
            listener.stop();
        }
        assertEquals(0, threadsNamed("rawsocket-" + settings.name), "listener threads left after stop");
        assertTrue(buffers.getLeaks().isEmpty(), () -> "read buffers not released: " + buffers.dumpLeaks());
    }

    private static void abuse(RawSocketTestClient connection, int kind, Random random) throws IOException {
        try (RawSocketTestClient client = connection) {
            switch (kind) {
                case 0 -> client.write(garbage(random, 1 + random.nextInt(64)));
                case 1 -> client.write(0x7F, 0xF1); // half a handshake, then gone
                case 2 -> client.write(0x7F, 0xF0, 0, 0); // serializer 0: refused
                case 3 -> { // a frame announced at the maximum, one byte sent
                    client.write(0x7F, 0xF1, 0, 0);
                    client.write(ByteBuffer.allocate(5).putInt(1 << 20).put((byte) '1').array());
                }
                case 4 -> { // announced beyond the maximum
                    client.write(0x7F, 0xF1, 0, 0);
                    client.write(ByteBuffer.allocate(4).putInt(0x00FF_FFFF).array());
                }
                case 5 -> { // valid session, then reset mid-frame
                    client.write(0x7F, 0xF1, 0, 0);
                    client.write(RawSocketTestClient.frame(0, "1|realm".getBytes()));
                    client.write(ByteBuffer.allocate(6).putInt(100).put((byte) '1').put((byte) '|').array());
                    client.abort();
                }
                case 6 -> { // PING flood, never reading the PONGs
                    client.write(0x7F, 0xF1, 0, 0);
                    byte[] ping = RawSocketTestClient.frame(1, new byte[512]);
                    for (int i = 0; i < 20; i++) {
                        client.write(ping);
                    }
                }
                case 7 -> { // handshake, garbage frame header
                    client.write(0x7F, 0xF1, 0, 0);
                    client.write(garbage(random, 8));
                }
                case 8 -> { // undecodable message
                    client.write(0x7F, 0xF1, 0, 0);
                    client.write(RawSocketTestClient.frame(0, garbage(random, 16)));
                }
                default -> client.abort(); // connect and reset at once
            }
        } catch (IOException expected) {
            // the router may close first and reset our writes: that is the point
        }
    }

    private static byte[] garbage(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static long threadsNamed(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long count;
        do {
            count = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
                    .count();
            if (count > 0) {
                Thread.sleep(20);
            }
        } while (count > 0 && System.nanoTime() < deadline);
        return count;
    }
}
