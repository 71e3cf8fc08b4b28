package dev.switchboard.launcher;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * {@code switchboard shell [--cbdir DIR] COMMAND...}: runs one Gogo command line in the running node, over the
 * node's owner-only Unix socket {@code run/shell.sock} (bundles/shell, {@code ShellSocketServer}), and prints what
 * it prints. Exit codes: 0 done, 1 the command failed (its message is on stderr), 2 the node refused the line (too
 * long, empty), 3 no node is running (no socket, or nobody listens on it).
 *
 * <p>The wire format ({@code ShellProtocol} in bundles/shell, version 1): the client sends {@code "SBSH" 0x01} and
 * a frame {@code 'C' len:u32 line}; the node answers with frames {@code 'O'} (stdout) and {@code 'E'} (stderr), then
 * {@code 'X' 4 status:i32}. Lengths are big-endian.
 */
final class ShellClient {

    /** The socket's path: a framework property the node reads (see {@link FrameworkProperties}), and this client. */
    static final String SOCKET_PROPERTY = "switchboard.shell.socket";

    private static final byte[] PREAMBLE = {'S', 'B', 'S', 'H', 1};
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private ShellClient() {
    }

    /** {@code run/shell.sock} of the node (the runtime's, or the node directory's), unless the property says. */
    static Path socket(Path run) {
        String configured = System.getProperty(SOCKET_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured.strip()) : run.resolve("shell.sock");
    }

    /**
     * @param what the node, for messages ("the runtime /x/runtime", a node directory)
     * @return the exit status
     */
    static int run(Path socket, String line, String what, OutputStream out, PrintStream err) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            err.println("switchboard: no node is running for " + what + " (no " + socket + "), or it runs without"
                    + " the operations feature (bundles/shell)");
            return Main.NOT_RUNNING;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            // The file of a node that was killed: nobody listens
            err.println("switchboard: no node is running for " + what + " (nobody listens on " + socket + ")");
            return Main.NOT_RUNNING;
        } catch (IOException e) {
            err.println("switchboard: cannot connect to " + socket + ": " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains("ermission") ? " (only the user who runs the node"
                    + " may use its shell)" : ""));
            return Main.FAILED;
        }
        try (channel) {
            send(Channels.newOutputStream(channel), line);
            return receive(new DataInputStream(Channels.newInputStream(channel)), out, err);
        } catch (IOException e) {
            err.println("switchboard: the node ended the shell connection: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static void send(OutputStream socket, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        socket.write(ByteBuffer.allocate(PREAMBLE.length + 5 + bytes.length).put(PREAMBLE).put((byte) 'C')
                .putInt(bytes.length).put(bytes).array());
        socket.flush();
    }

    private static int receive(DataInputStream in, OutputStream out, PrintStream err) throws IOException {
        while (true) {
            int type = in.read();
            if (type < 0) {
                err.println("switchboard: the node closed the shell connection before the command ended (did it"
                        + " stop?)");
                return Main.FAILED;
            }
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                throw new IOException("cut off in a frame");
            }
            if (length < 0 || length > MAX_FRAME) {
                throw new IOException("a frame of " + Integer.toUnsignedString(length) + " bytes: not a Switchboard"
                        + " shell");
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new IOException("cut off in a frame");
            }
            switch (type) {
                case 'O' -> {
                    out.write(payload);
                    out.flush();
                }
                case 'E' -> {
                    err.write(payload);
                    err.flush();
                }
                case 'X' -> {
                    if (length != 4) {
                        throw new IOException("an exit status of " + length + " bytes");
                    }
                    return ByteBuffer.wrap(payload).getInt();
                }
                default -> throw new IOException("a frame of unknown type " + type + ": not a Switchboard shell");
            }
        }
    }
}
