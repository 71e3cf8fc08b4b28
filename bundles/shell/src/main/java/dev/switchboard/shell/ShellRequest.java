package dev.switchboard.shell;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * One request on the shell socket: read the command line ({@link ShellProtocol}), run it in a Gogo session of its
 * own, stream its output back, end with the exit status. The session gets no input (a command that reads stdin sees
 * its end at once), so nothing waits for a terminal that is not there.
 */
final class ShellRequest {

    /** What happened, for the node's log. */
    record Outcome(String command, int status, long outputBytes) {
    }

    /**
     * The most of an over-long line that is read and dropped before the refusal, so that the connection closes
     * cleanly: a Unix socket closed with unread input resets the client's side, which may lose the refusal.
     */
    static final long DRAIN_LIMIT = 1024 * 1024;

    private final CommandProcessor processor;
    private final int maxLineLength;
    private final Semaphore running;
    private final int maxRunning;

    /**
     * @param running    permits for commands running at once, shared by all requests; a request that finds none is
     *                   refused
     * @param maxRunning how many permits there are, for the refusal's message
     */
    ShellRequest(CommandProcessor processor, int maxLineLength, Semaphore running, int maxRunning) {
        this.processor = processor;
        this.maxLineLength = maxLineLength;
        this.running = running;
        this.maxRunning = maxRunning;
    }

    /**
     * Serves one connection.
     *
     * @param lineRead run once the whole request has been read (the caller stops its read deadline then)
     * @return what was run and how it ended; {@code command} is {@code null} when no command was run
     * @throws IOException when the client went away before the exit status could be sent
     */
    Outcome serve(InputStream input, OutputStream output, Runnable lineRead) throws IOException {
        DataInputStream in = new DataInputStream(input);
        FrameWriter frames = new FrameWriter(output);
        String refusal;
        String line = null;
        try {
            if (!ShellProtocol.readPreamble(in)) {
                refusal = "not a Switchboard shell client (protocol version " + ShellProtocol.VERSION + " expected)";
            } else {
                ShellProtocol.Header header = ShellProtocol.Header.read(in);
                if (header.type() != ShellProtocol.COMMAND) {
                    refusal = "expected a command line, got a frame of type " + (header.type() & 0xff);
                } else if (header.length() > maxLineLength) {
                    drain(in, Math.min(header.length(), DRAIN_LIMIT));
                    refusal = "the command line has " + header.length() + " bytes; the node accepts at most "
                            + maxLineLength + " (maxLineLength of " + ShellSocketServer.PID + ")";
                } else {
                    line = decode(in.readNBytes((int) header.length()), (int) header.length());
                    refusal = line == null ? "the command line is not UTF-8"
                            : line.isBlank() ? "empty command line: give a command, e.g. wamp:sessions" : null;
                }
            }
        } catch (EOFException e) {
            throw new EOFException("the client closed the connection before sending a whole command line");
        }
        lineRead.run();
        if (refusal != null) {
            frames.error(refusal);
            frames.exit(ShellProtocol.REFUSED);
            return new Outcome(null, ShellProtocol.REFUSED, frames.bytesWritten());
        }
        if (!running.tryAcquire()) {
            frames.error("the node runs " + maxRunning + " shell commands already (maxConcurrentRequests of "
                    + ShellSocketServer.PID + "); try again");
            frames.exit(ShellProtocol.REFUSED);
            return new Outcome(null, ShellProtocol.REFUSED, frames.bytesWritten());
        }
        int status;
        try {
            status = run(line.strip(), frames);
        } finally {
            running.release();
        }
        frames.exit(status);
        return new Outcome(line.strip(), status, frames.bytesWritten());
    }

    /** Runs the line as the Gogo console would, printing a non-null result; {@link ShellProtocol#FAILED} if it threw. */
    int run(String line, FrameWriter frames) {
        PrintStream out = frames.stream(ShellProtocol.OUT);
        PrintStream err = frames.stream(ShellProtocol.ERR);
        try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, err)) {
            Object result = session.execute(line);
            if (result != null) {
                String text = String.valueOf(session.format(result, Converter.INSPECT));
                out.print(text.endsWith("\n") ? text : text + "\n");
            }
            return ShellProtocol.OK;
        } catch (Exception e) {
            err.println(describe(e));
            return ShellProtocol.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * An exception as one line for the operator. Commands fail with {@link IllegalArgumentException} or
     * {@link IllegalStateException} whose message says it all ("no realm 'x'"); Gogo's own failures
     * ("Command not found: x") too. Anything else is a bug somewhere and gets its class name.
     */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        boolean plain = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e.getClass().getName().startsWith("org.apache.felix.gogo.runtime.")
                || e.getClass().getName().startsWith("org.apache.felix.service.command.");
        return plain ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /** Reads and drops up to {@code count} bytes, fewer if the input ends first. */
    private static void drain(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = count; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
        }
    }

    private static String decode(byte[] bytes, int expected) throws EOFException {
        if (bytes.length < expected) {
            throw new EOFException("short command line");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ShellRequest[maxLineLength=" + maxLineLength + "]";
    }
}
