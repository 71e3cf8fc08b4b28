package dev.switchboard.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a request's standard output and error as frames on one connection, each frame whole and flushed as it is
 * written, so that the client sees output while the command runs and in the order the command wrote it. Once the
 * client is gone, writes fail and the command's {@link PrintStream}s swallow that (a command is not aborted by a
 * vanished reader; its result goes nowhere).
 */
final class FrameWriter {

    private final OutputStream out;
    private long written;   // guarded by this
    private boolean exited; // guarded by this

    FrameWriter(OutputStream out) {
        this.out = out;
    }

    /** A stream whose bytes become frames of {@code type} ({@link ShellProtocol#OUT} or {@link ShellProtocol#ERR}). */
    PrintStream stream(byte type) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                frames(type, bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** A line of text on standard error, e.g. why a request was refused. */
    void error(String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        frames(ShellProtocol.ERR, bytes, 0, bytes.length);
    }

    /** The last frame; nothing is written after it. */
    synchronized void exit(int status) throws IOException {
        if (exited) {
            throw new IllegalStateException("exit status sent already");
        }
        exited = true;
        ShellProtocol.writeExit(out, status);
        out.flush();
    }

    private synchronized void frames(byte type, byte[] bytes, int offset, int length) throws IOException {
        if (exited) {
            throw new IOException("the exit status was sent: no more output");
        }
        for (int start = offset; start < offset + length; start += ShellProtocol.MAX_CHUNK) {
            int chunk = Math.min(ShellProtocol.MAX_CHUNK, offset + length - start);
            ShellProtocol.writeFrame(out, type, bytes, start, chunk);
            written += chunk;
        }
        out.flush();
    }

    synchronized long bytesWritten() {
        return written;
    }

    @Override
    public synchronized String toString() {
        return "FrameWriter[" + written + " bytes" + (exited ? ", exited" : "") + "]";
    }
}
