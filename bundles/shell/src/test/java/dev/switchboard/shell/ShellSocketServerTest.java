package dev.switchboard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ShellSocketServerTest {

    @TempDir
    Path temp;

    private final FakeCommandProcessor gogo = new FakeCommandProcessor();
    private final ShellSocketServer server = new ShellSocketServer(gogo);
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        server.stop();
        clients.shutdownNow();
    }

    private Path start(Path socket, int maxConcurrent, int timeoutSeconds) throws IOException {
        server.start(socket, new ShellSocketServer.Settings(1000, maxConcurrent, timeoutSeconds));
        return socket;
    }

    private Path start() throws IOException {
        return start(temp.resolve("run/shell.sock"), 4, 10);
    }

    @Test
    void socketIsOwnerOnlyInAnOwnerOnlyDirectoryItCreates() throws IOException {
        Path socket = start();
        assertEquals("rw-------", permissions(socket));
        assertEquals("rwx------", permissions(socket.getParent()));
        assertEquals(socket, server.path());
    }

    @Test
    void anExistingDirectoryOpenToOthersIsMadeOwnerOnly() throws IOException {
        Path run = Files.createDirectories(temp.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(run.resolve("node.pid"), "1");
        start(run.resolve("shell.sock"), 4, 10);
        assertEquals("rwx------", permissions(run));
        assertTrue(Files.exists(run.resolve("node.pid")), "what else is in the directory stays");
    }

    @Test
    void runsACommandPerConnection() throws IOException {
        Path socket = start();
        ShellReply reply = ShellReply.run(socket, "echo hi");
        assertEquals("hi\n", reply.out());
        assertEquals(0, reply.status());
        ShellReply failed = ShellReply.run(socket, "fail");
        assertEquals(1, failed.status());
        assertEquals("no realm 'nope'\n", failed.err());
        assertEquals(2, gogo.closed.get());
    }

    @Test
    void commandsRunConcurrently() throws Exception {
        Path socket = start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        gogo.blocking("wait", started, release);
        Future<ShellReply> waiting = clients.submit(() -> ShellReply.run(socket, "wait"));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals("hi\n", ShellReply.run(socket, "echo hi").out(), "a long command does not hold up others");
        release.countDown();
        assertEquals("released\n", waiting.get(10, TimeUnit.SECONDS).out());
    }

    @Test
    void oneMoreThanTheLimitIsRefusedNotQueued() throws Exception {
        Path socket = start(temp.resolve("run/shell.sock"), 1, 10);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        gogo.blocking("wait", started, release);
        Future<ShellReply> waiting = clients.submit(() -> ShellReply.run(socket, "wait"));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ShellReply busy = ShellReply.run(socket, "echo hi");
        assertEquals(ShellProtocol.REFUSED, busy.status());
        assertTrue(busy.err().contains("runs 1 shell commands already"), busy.err());
        release.countDown();
        assertEquals(0, waiting.get(10, TimeUnit.SECONDS).status());
        assertEquals(List.of("wait"), gogo.executed);
    }

    @Test
    void aClientThatSendsNothingIsDisconnectedAfterTheTimeout() throws Exception {
        Path socket = start(temp.resolve("run/shell.sock"), 1, 1);
        try (SocketChannel idle = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            long started = System.nanoTime();
            ShellReply reply = ShellReply.read(Channels.newInputStream(idle));
            assertEquals(-1, reply.status(), "closed without a reply");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
        }
        // ...and freed its slot
        assertEquals(0, ShellReply.run(socket, "echo again").status());
    }

    @Test
    void aStaleSocketFileIsReplaced() throws IOException {
        Path socket = temp.resolve("run/shell.sock");
        Files.createDirectories(socket.getParent(), PosixFilePermissions.asFileAttribute(
                OwnerOnlySocket.OWNER_DIRECTORY));
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close(); // the file stays, as after a kill -9
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        start(socket, 4, 10);
        assertEquals(0, ShellReply.run(socket, "echo fresh").status());
    }

    @Test
    void aLiveSocketOfAnotherProcessIsNotTaken() throws IOException {
        Path socket = temp.resolve("run/shell.sock");
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));
            IOException e = assertThrows(IOException.class, () -> start(socket, 4, 10));
            assertTrue(e.getMessage().contains("another process listens on"), e.getMessage());
            assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void aRegularFileOrASymlinkAtThePathIsNotTouched() throws IOException {
        Path run = Files.createDirectories(temp.resolve("run"));
        Path file = Files.writeString(run.resolve("shell.sock"), "keep me");
        IOException e = assertThrows(IOException.class, () -> start(file, 4, 10));
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("keep me", Files.readString(file));

        Path link = Files.createSymbolicLink(run.resolve("link.sock"), file);
        assertThrows(IOException.class, () -> start(link, 4, 10));
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void stopClosesTheSocketAndRemovesItsFileButLetsRunningCommandsFinish() throws Exception {
        Path socket = start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        gogo.blocking("wait", started, release);
        Future<ShellReply> waiting = clients.submit(() -> ShellReply.run(socket, "wait"));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        server.stop();
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        assertNull(server.path());
        assertThrows(IOException.class, () -> ShellReply.run(socket, "echo late"));
        // A command may be what stopped the component (an update of this bundle): it is not interrupted
        release.countDown();
        ShellReply reply = waiting.get(10, TimeUnit.SECONDS);
        assertEquals("released\n", reply.out());
        assertEquals(0, reply.status());
    }

    @Test
    void stopLeavesAFileThatIsNoLongerItsSocket() throws IOException {
        Path socket = start();
        Files.delete(socket);
        Files.writeString(socket, "someone else's");
        server.stop();
        assertEquals("someone else's", Files.readString(socket));
    }

    @Test
    void aBurstOfClientsIsServedOrTurnedAwayButNeverAnsweredWrongly() throws Exception {
        Path socket = start();
        List<Future<ShellReply>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            replies.add(clients.submit(() -> ShellReply.run(socket, "echo " + n)));
        }
        int served = 0;
        for (int i = 0; i < replies.size(); i++) {
            ShellReply reply;
            try {
                reply = replies.get(i).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                continue; // more connections than threads at once: closed unanswered
            }
            if (reply.status() == ShellProtocol.OK) {
                assertEquals(i + "\n", reply.out());
                served++;
            } else {
                assertEquals(ShellProtocol.REFUSED, reply.status(), reply.toString());
            }
        }
        assertTrue(served >= 1, "some get through");
        assertEquals(gogo.opened.get(), gogo.closed.get());
        assertEquals(0, ShellReply.run(socket, "echo after").status(), "and the server still serves");
    }

    @Test
    void aPartialRequestDoesNotHurtTheServer() throws IOException {
        Path socket = start();
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(new byte[] {'S', 'B', 'S'});
        }
        assertEquals(0, ShellReply.run(socket, "echo ok").status());
    }

    @Test
    void thePeerCheckKnowsTheOwnerFromAStranger() throws IOException {
        Path socket = temp.resolve("peer.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    SocketChannel accepted = listener.accept()) {
                String me = System.getProperty("user.name");
                assertNull(PeerCheck.stranger(accepted, () -> me), "the node's own user");
                assertEquals(me, PeerCheck.stranger(accepted, () -> "someone-else"),
                        "for a node run by someone-else, this process is a stranger");
                assertTrue(client.isConnected());
            }
        }
    }

    @Test
    void settingsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ShellSocketServer.Settings(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ShellSocketServer.Settings(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ShellSocketServer.Settings(1, 1, 0));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
