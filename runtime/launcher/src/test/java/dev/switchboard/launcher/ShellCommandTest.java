package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.Arguments.Command;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard shell}: its command line and its side of the shell socket (bundles/shell is the other). */
@Timeout(20)
class ShellCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    // ---- the command line ----

    @Test
    void theWordsAfterShellAreTheCommandLine() throws UsageException {
        Arguments one = Arguments.parse("shell", "wamp:sessions realm1");
        assertEquals(Command.SHELL, one.command());
        assertEquals("wamp:sessions realm1", one.shellLine());
        assertNull(one.nodeDirectory());
        assertEquals("wamp:sessions -j realm1", Arguments.parse("shell", "wamp:sessions", "-j", "realm1").shellLine());
    }

    @Test
    void launcherOptionsComeBeforeTheCommandAndTheCommandKeepsItsOwn() throws UsageException {
        System.setProperty(Arguments.CWD_PROPERTY, directory.toString());
        try {
            Arguments arguments = Arguments.parse("shell", "--cbdir", "n1", "help", "--help", "--cbdir");
            assertEquals(directory.resolve("n1"), arguments.nodeDirectory());
            assertEquals("help --help --cbdir", arguments.shellLine());
            assertEquals(directory.resolve("n2"), Arguments.parse("shell", "--cbdata=n2", "lb").nodeDirectory());
            assertEquals("--weird", Arguments.parse("shell", "--", "--weird").shellLine());
        } finally {
            System.clearProperty(Arguments.CWD_PROPERTY);
        }
    }

    @Test
    void shellNeedsACommandAndKnowsItsOptions() throws UsageException {
        assertTrue(assertThrows(UsageException.class, () -> Arguments.parse("shell")).getMessage()
                .startsWith("'shell' needs a command"));
        assertThrows(UsageException.class, () -> Arguments.parse("shell", "  "));
        assertThrows(UsageException.class, () -> Arguments.parse("shell", "--cbdir"));
        assertEquals("'shell' does not take --force",
                assertThrows(UsageException.class, () -> Arguments.parse("shell", "--force", "lb")).getMessage());
        assertEquals(Command.HELP, Arguments.parse("shell", "--help").command());
        assertTrue(Arguments.USAGE.contains("shell [--cbdir DIR] COMMAND..."));
    }

    // ---- the socket ----

    @Test
    void theSocketIsInTheNodesRunDirectoryUnlessThePropertySaysOtherwise() {
        assertEquals(directory.resolve("run/shell.sock"), ShellClient.socket(directory.resolve("run")));
        System.setProperty(ShellClient.SOCKET_PROPERTY, "/tmp/elsewhere.sock");
        try {
            assertEquals(Path.of("/tmp/elsewhere.sock"), ShellClient.socket(directory.resolve("run")));
        } finally {
            System.clearProperty(ShellClient.SOCKET_PROPERTY);
        }
    }

    @Test
    void printsTheNodesOutputAndErrorAndExitsWithItsStatus() throws Exception {
        Path socket = directory.resolve("shell.sock");
        CompletableFuture<String> received = serveOnce(socket, (line, reply) -> {
            reply.frame('O', "REALM  SESSIONS\n");
            reply.frame('E', "a warning\n");
            reply.frame('O', "realm1        2\n");
            reply.exit(0);
        });
        assertEquals(0, ShellClient.run(socket, "wamp:realms", "the node", out, print(err)));
        assertEquals("wamp:realms", received.get(5, TimeUnit.SECONDS));
        assertEquals("REALM  SESSIONS\nrealm1        2\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("a warning\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedCommandsStatusIsPassedOn() throws Exception {
        Path socket = directory.resolve("shell.sock");
        serveOnce(socket, (line, reply) -> {
            reply.frame('E', "no realm 'nope'\n");
            reply.exit(1);
        });
        assertEquals(1, ShellClient.run(socket, "wamp:sessions nope", "the node", out, print(err)));
        assertEquals("no realm 'nope'\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noSocketMeansNoNodeRunning() {
        Path socket = directory.resolve("run/shell.sock");
        assertEquals(Main.NOT_RUNNING, ShellClient.run(socket, "lb", "the node in /x", out, print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("switchboard: no node is running for the node in"
                + " /x (no " + socket + ")"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSocketNobodyListensOnMeansNoNodeRunning() throws IOException {
        Path socket = directory.resolve("shell.sock");
        ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        killed.bind(UnixDomainSocketAddress.of(socket));
        killed.close(); // its file stays, as when a node is killed with SIGKILL
        assertTrue(Files.exists(socket));
        assertEquals(Main.NOT_RUNNING, ShellClient.run(socket, "lb", "the node", out, print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nobody listens on"));
    }

    @Test
    void aConnectionEndingBeforeTheExitStatusIsAFailure() throws Exception {
        Path socket = directory.resolve("shell.sock");
        serveOnce(socket, (line, reply) -> reply.frame('O', "partial\n"));
        assertEquals(Main.FAILED, ShellClient.run(socket, "stop 0", "the node", out, print(err)));
        assertEquals("partial\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("closed the shell connection before the command"
                + " ended"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void somethingElseOnTheSocketIsNotTakenForANode() throws Exception {
        Path socket = directory.resolve("shell.sock");
        serveOnce(socket, (line, reply) -> reply.raw("HTTP/1.1 400 Bad Request\r\n\r\n"));
        assertEquals(Main.FAILED, ShellClient.run(socket, "lb", "the node", out, print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a Switchboard shell"),
                err.toString(StandardCharsets.UTF_8));
    }

    // ---- a node's side, as far as these tests need it ----

    private interface Reply {
        void frame(char type, String text);

        void exit(int status);

        void raw(String text);
    }

    /** Accepts one connection, checks the request's framing, hands its line to {@code answer}. */
    private static CompletableFuture<String> serveOnce(Path socket, BiConsumer<String, Reply> answer)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel client = server.accept()) {
                DataInputStream in = new DataInputStream(Channels.newInputStream(client));
                byte[] preamble = in.readNBytes(5);
                assertEquals("SBSH\u0001", new String(preamble, StandardCharsets.ISO_8859_1));
                assertEquals('C', in.read());
                String line = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
                answer.accept(line, new Reply() {
                    @Override
                    public void frame(char type, String text) {
                        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                        write(() -> {
                            out.write(type);
                            out.writeInt(bytes.length);
                            out.write(bytes);
                        });
                    }

                    @Override
                    public void exit(int status) {
                        write(() -> {
                            out.write('X');
                            out.writeInt(4);
                            out.writeInt(status);
                        });
                    }

                    @Override
                    public void raw(String text) {
                        write(() -> out.write(text.getBytes(StandardCharsets.US_ASCII)));
                    }

                    private void write(IoAction action) {
                        try {
                            action.run();
                            out.flush();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                return line;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
