package dev.switchboard.shell;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The local shell socket's wire format, version 1. The launcher's {@code switchboard shell} (runtime/launcher,
 * {@code ShellClient}) speaks the other end; keep both in step.
 *
 * <pre>
 * client → node   "SBSH" 0x01                      magic and version
 *                 'C' len:u32 line:UTF-8           one command line, at most maxLineLength bytes
 * node → client   ('O' | 'E') len:u32 bytes        standard output / error, in the order they were written
 *                 'X' 4 status:i32                 the exit status, last; then the node closes the connection
 * </pre>
 *
 * Lengths are big-endian. Exit statuses: {@link #OK}, {@link #FAILED} (the command threw), {@link #REFUSED} (no
 * command was run: wrong protocol, line too long or empty, too many requests at once, not the node's owner).
 */
final class ShellProtocol {

    static final byte[] MAGIC = "SBSH".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    static final byte COMMAND = 'C';
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';

    static final int OK = 0;
    static final int FAILED = 1;
    static final int REFUSED = 2;

    /** Output is sent in frames of at most this many bytes. */
    static final int MAX_CHUNK = 64 * 1024;

    private ShellProtocol() {
    }

    /** One frame: type, length, payload; the caller flushes. */
    static void writeFrame(OutputStream out, byte type, byte[] payload, int offset, int length) throws IOException {
        byte[] header = {type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        out.write(header);
        out.write(payload, offset, length);
    }

    static void writeExit(OutputStream out, int status) throws IOException {
        byte[] payload = {(byte) (status >>> 24), (byte) (status >>> 16), (byte) (status >>> 8), (byte) status};
        writeFrame(out, EXIT, payload, 0, payload.length);
    }

    /** Reads the magic and version; {@code false} when they are not this protocol's. */
    static boolean readPreamble(DataInputStream in) throws IOException {
        byte[] preamble = new byte[MAGIC.length + 1];
        in.readFully(preamble);
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble[i] != MAGIC[i]) {
                return false;
            }
        }
        return preamble[MAGIC.length] == VERSION;
    }

    /** A frame header: its type and length, unsigned (a length above 2 GiB reads as more than any limit). */
    record Header(byte type, long length) {

        static Header read(DataInputStream in) throws IOException {
            int type = in.read();
            if (type < 0) {
                throw new EOFException("no frame");
            }
            return new Header((byte) type, Integer.toUnsignedLong(in.readInt()));
        }
    }
}
