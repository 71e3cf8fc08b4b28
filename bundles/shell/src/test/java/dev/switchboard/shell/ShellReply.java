package dev.switchboard.shell;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client gets for one request: the output and error text, the frames in order, the exit status ({@code -1}
 * when the connection ended without one). Also the client side of the protocol for the tests.
 */
record ShellReply(String out, String err, List<String> order, int status) {

    /** Preamble and a command frame, as the launcher sends them. */
    static byte[] request(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + 5 + bytes.length).put(ShellProtocol.MAGIC).put((byte) ShellProtocol.VERSION)
                .put(ShellProtocol.COMMAND).putInt(bytes.length).put(bytes).array();
    }

    static ShellReply read(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> order = new ArrayList<>();
        while (true) {
            int type = in.read();
            if (type < 0) {
                return new ShellReply(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                        order, -1);
            }
            int length;
            byte[] payload;
            try {
                length = in.readInt();
                payload = in.readNBytes(length);
            } catch (EOFException e) {
                throw new IOException("cut frame", e);
            }
            if (type == ShellProtocol.EXIT) {
                int status = ByteBuffer.wrap(payload).getInt();
                if (in.read() != -1) {
                    throw new IOException("bytes after the exit status");
                }
                return new ShellReply(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                        order, status);
            }
            (type == ShellProtocol.OUT ? out : err).write(payload);
            order.add((char) type + new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** Connects, sends {@code raw}, reads the reply. */
    static ShellReply exchange(Path socket, byte[] raw) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(raw);
            out.flush();
            return read(Channels.newInputStream(channel));
        }
    }

    static ShellReply run(Path socket, String line) throws IOException {
        return exchange(socket, request(line));
    }
}
