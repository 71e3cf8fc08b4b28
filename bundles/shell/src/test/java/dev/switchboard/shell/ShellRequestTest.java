package dev.switchboard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShellRequestTest {

    private final FakeCommandProcessor gogo = new FakeCommandProcessor();
    private final AtomicInteger linesRead = new AtomicInteger();
    private final Semaphore running = new Semaphore(4);

    private ShellReply serve(byte[] request, int maxLineLength) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new ShellRequest(gogo, maxLineLength, running, 4).serve(new ByteArrayInputStream(request), output,
                linesRead::incrementAndGet);
        return ShellReply.read(new ByteArrayInputStream(output.toByteArray()));
    }

    private ShellReply serve(String line) throws IOException {
        return serve(ShellReply.request(line), 1000);
    }

    @Test
    void aResultIsPrintedWithANewlineAndExitsZero() throws IOException {
        ShellReply reply = serve("echo hello  world");
        assertEquals("hello world\n", reply.out());
        assertEquals("", reply.err());
        assertEquals(ShellProtocol.OK, reply.status());
        assertEquals(List.of("echo hello  world"), gogo.executed);
        assertEquals(1, linesRead.get());
    }

    @Test
    void aResultIsFormattedByTheSession() throws IOException {
        assertEquals("<42>\n", serve("number").out());
    }

    @Test
    void outputAndErrorKeepTheOrderTheCommandWroteThem() throws IOException {
        ShellReply reply = serve("print");
        assertEquals(List.of("Oout1\n", "Eerr1\n", "Oout2\n"), reply.order());
        assertEquals(ShellProtocol.OK, reply.status());
    }

    @Test
    void aFailingCommandExitsOneWithItsMessageAfterWhatItPrinted() throws IOException {
        ShellReply reply = serve("fail");
        assertEquals("partial\n", reply.out());
        assertEquals("no realm 'nope'\n", reply.err());
        assertEquals(ShellProtocol.FAILED, reply.status());
        assertEquals("Command not found: nope\n", serve("nope").err());
    }

    @Test
    void anUnexpectedExceptionIsNamed() throws IOException {
        assertEquals("NullPointerException: Cannot invoke \"x\"\n", serve("npe").err());
        assertEquals("java.lang.IllegalStateException", ShellRequest.describe(new IllegalStateException()));
    }

    @Test
    void oneSessionPerRequestClosedAfterwards() throws IOException {
        serve("echo 1");
        serve("fail");
        assertEquals(2, gogo.opened.get());
        assertEquals(2, gogo.closed.get());
    }

    @Test
    void theLineIsStrippedAndMayBeUnicode() throws IOException {
        assertEquals("grüße ✓\n", serve("  echo grüße ✓ \n").out());
    }

    @Test
    void aLineOverTheLimitIsRefusedUnreadAndNotRun() throws IOException {
        ShellReply reply = serve(ShellReply.request("echo " + "y".repeat(100)), 50);
        assertEquals(ShellProtocol.REFUSED, reply.status());
        assertTrue(reply.err().contains("has 105 bytes; the node accepts at most 50"), reply.err());
        assertTrue(gogo.executed.isEmpty());
        assertEquals(ShellProtocol.OK, serve(ShellReply.request("echo " + "y".repeat(45)), 50).status());
    }

    @Test
    void aRequestBeyondTheRunningLimitIsRefusedAndThePermitsAreGivenBack() throws IOException {
        running.acquireUninterruptibly(4);
        ShellReply busy = serve("echo 1");
        assertEquals(ShellProtocol.REFUSED, busy.status());
        assertTrue(busy.err().startsWith("the node runs 4 shell commands already"), busy.err());
        running.release(4);
        serve("echo 2");
        serve("fail");
        assertEquals(4, running.availablePermits());
        assertEquals(List.of("echo 2", "fail"), gogo.executed);
    }

    @Test
    void anOverlongLineIsReadAndDroppedSoTheConnectionClosesCleanly() throws IOException {
        byte[] request = ShellReply.request("echo " + "z".repeat(200));
        ByteArrayInputStream in = new ByteArrayInputStream(request);
        new ShellRequest(gogo, 100, running, 4).serve(in, new ByteArrayOutputStream(), () -> { });
        assertEquals(0, in.available(), "nothing of the request is left unread");
    }

    @Test
    void aLengthAboveTwoGigabytesIsRefusedNotNegative() throws IOException {
        byte[] request = ByteBuffer.allocate(10).put(ShellProtocol.MAGIC).put((byte) 1).put(ShellProtocol.COMMAND)
                .putInt(0xFFFFFFF0).array();
        ShellReply reply = serve(request, 1000);
        assertEquals(ShellProtocol.REFUSED, reply.status());
        assertTrue(reply.err().contains("4294967280 bytes"), reply.err());
    }

    @Test
    void emptyOrBlankLinesAreRefused() throws IOException {
        assertEquals(ShellProtocol.REFUSED, serve("").status());
        ShellReply blank = serve("  \t ");
        assertEquals(ShellProtocol.REFUSED, blank.status());
        assertTrue(blank.err().startsWith("empty command line"), blank.err());
        assertTrue(gogo.executed.isEmpty());
    }

    @Test
    void anotherProtocolIsRefused() throws IOException {
        ShellReply http = serve("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 1000);
        assertEquals(ShellProtocol.REFUSED, http.status());
        assertTrue(http.err().startsWith("not a Switchboard shell client"), http.err());

        byte[] version2 = ShellReply.request("echo x");
        version2[4] = 2;
        assertEquals(ShellProtocol.REFUSED, serve(version2, 1000).status());

        byte[] wrongFrame = ShellReply.request("echo x");
        wrongFrame[5] = 'O';
        assertTrue(serve(wrongFrame, 1000).err().startsWith("expected a command line"));
        assertTrue(gogo.executed.isEmpty());
    }

    @Test
    void malformedUtf8IsRefused() throws IOException {
        byte[] request = ByteBuffer.allocate(12).put(ShellProtocol.MAGIC).put((byte) 1).put(ShellProtocol.COMMAND)
                .putInt(2).put((byte) 0xC3).put((byte) 0x28).array();
        ShellReply reply = serve(request, 1000);
        assertEquals(ShellProtocol.REFUSED, reply.status());
        assertEquals("the command line is not UTF-8\n", reply.err());
    }

    @Test
    void aClientThatHangsUpMidLineGetsNothingRun() {
        byte[] request = ShellReply.request("echo something long");
        byte[] cut = Arrays.copyOf(request, request.length - 4);
        assertThrows(EOFException.class, () -> serve(cut, 1000));
        assertThrows(EOFException.class, () -> serve(new byte[] {'S', 'B'}, 1000));
        assertTrue(gogo.executed.isEmpty());
        assertEquals(0, linesRead.get());
    }

    @Test
    void largeOutputIsSplitIntoBoundedFrames() throws IOException {
        int size = ShellProtocol.MAX_CHUNK * 2 + 10;
        ShellReply reply = serve("big " + size);
        assertEquals(size + 1, reply.out().length());
        assertTrue(reply.order().stream().allMatch(frame -> frame.length() - 1 <= ShellProtocol.MAX_CHUNK));
        assertEquals(ShellProtocol.OK, reply.status());
    }

    @Test
    void onlyTheCommandNameIsLogged() {
        assertEquals("wamp:call", ShellSocketServer.commandName("wamp:call realm1 com.x.login secret"));
        assertEquals("lb", ShellSocketServer.commandName("lb"));
        assertEquals("(refused)", ShellSocketServer.commandName(null));
    }

    @Test
    void noOutputAfterTheExitStatus() throws IOException {
        FrameWriter frames = new FrameWriter(new ByteArrayOutputStream());
        frames.exit(0);
        assertThrows(IOException.class, () -> frames.error("late"));
        assertThrows(IllegalStateException.class, () -> frames.exit(1));
    }
}
