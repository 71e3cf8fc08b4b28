package dev.switchboard.client.remote;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.WampException;
import dev.switchboard.client.internal.ClientTransport;
import dev.switchboard.client.internal.TransportHandler;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RawSocket connection to a router over a blocking {@link SocketChannel} (TCP or Unix domain socket). One reader
 * thread per connection decodes frames and answers PINGs; writes happen on the caller's thread (the session's
 * actor, or the reader for PONG) under a lock, so a router that stops reading slows this session only.
 */
final class RawSocketClientTransport implements ClientTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RawSocketClientTransport.class);

    private final RawSocketAddress address;
    private final SocketChannel channel;
    private final Serializer serializer;
    private final int maxReceiveLength;
    private final int routerMaxLength;
    private final TransportHandler handler;
    private final Object writeLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Why a write closed the channel, so that the reader reports that instead of "closed". */
    private volatile IOException writeFailure;

    private RawSocketClientTransport(RawSocketAddress address, SocketChannel channel, Serializer serializer,
            int maxReceiveLength, int routerMaxLength, TransportHandler handler) {
        this.address = address;
        this.channel = channel;
        this.serializer = serializer;
        this.maxReceiveLength = maxReceiveLength;
        this.routerMaxLength = routerMaxLength;
        this.handler = handler;
    }

    /**
     * Connects, performs the handshake and starts the reader thread.
     *
     * @param maxReceiveLength the longest message we accept, a power of two in 512..16 MiB
     * @throws IOException when the router cannot be reached, does not answer the handshake in time or refuses it
     */
    static RawSocketClientTransport connect(RawSocketAddress address, Serializer serializer, int maxReceiveLength,
            Duration timeout, TransportHandler handler) throws IOException {
        SocketChannel channel = openChannel(address, timeout);
        try {
            int routerMax = handshake(channel, serializer, maxReceiveLength, timeout);
            RawSocketClientTransport transport = new RawSocketClientTransport(address, channel, serializer,
                    maxReceiveLength, routerMax, handler);
            transport.startReader();
            return transport;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SocketChannel openChannel(RawSocketAddress address, Duration timeout) throws IOException {
        if (address.isUnix()) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(address.socketAddress()); // local: refused or accepted at once
            } catch (IOException e) {
                channel.close();
                throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
            }
            return channel;
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().connect(address.socketAddress(), (int) timeout.toMillis());
            channel.socket().setTcpNoDelay(true); // WAMP messages are small and latency-bound
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
        return channel;
    }

    /** Sends our handshake and reads the router's; returns the router's maximum message length. */
    private static int handshake(SocketChannel channel, Serializer serializer, int maxReceiveLength, Duration timeout)
            throws IOException {
        writeFully(channel, ByteBuffer.wrap(
                RawSocketFraming.handshakeRequest(maxReceiveLength, serializer.rawSocketId())));
        ByteBuffer reply = ByteBuffer.allocate(4);
        AtomicBoolean answered = new AtomicBoolean();
        // A blocking channel read has no timeout of its own: close the channel if the router stays silent.
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!answered.get()) {
                closeQuietly(channel);
            }
        });
        try {
            if (!readFully(channel, reply)) {
                throw new EOFException("the router closed the connection during the RawSocket handshake");
            }
        } catch (AsynchronousCloseException e) {
            throw new IOException("no RawSocket handshake reply within " + timeout.toMillis() + " ms", e);
        } finally {
            answered.set(true);
        }
        return checkReply(reply.array(), serializer);
    }

    private static int checkReply(byte[] reply, Serializer serializer) throws IOException {
        if ((reply[0] & 0xFF) != RawSocketFraming.MAGIC) {
            throw new IOException(String.format("not a RawSocket router: handshake reply starts with 0x%02X",
                    reply[0] & 0xFF));
        }
        int second = reply[1] & 0xFF;
        if ((second & 0x0F) == 0) {
            throw new IOException("the router refused the RawSocket handshake: "
                    + RawSocketFraming.refusal(second >>> 4));
        }
        if ((second & 0x0F) != serializer.rawSocketId()) {
            throw new IOException("the router answered the handshake with serializer " + (second & 0x0F)
                    + ", not " + serializer.rawSocketId() + " (" + serializer.name() + ")");
        }
        if (reply[2] != 0 || reply[3] != 0) {
            throw new IOException("the router's handshake reply uses reserved octets");
        }
        return RawSocketFraming.maxLength(second >>> 4);
    }

    private void startReader() {
        Thread reader = new Thread(this::readLoop, "switchboard-client-rawsocket-" + address);
        reader.setDaemon(true);
        reader.start();
    }

    // ---- reading, on the reader thread ----

    private void readLoop() {
        Throwable cause = null;
        try {
            ByteBuffer header = ByteBuffer.allocate(4);
            while (readFrame(header)) {
                header.clear();
            }
        } catch (ClosedChannelException e) {
            cause = writeFailure != null ? writeFailure : closed.get() ? null : e; // closed by us: orderly
        } catch (IOException | DecodeException | RuntimeException e) {
            cause = e;
        } finally {
            close();
            handler.onClosed(cause);
        }
    }

    /** Reads and handles one frame; {@code false} when the router closed the connection between frames. */
    private boolean readFrame(ByteBuffer header) throws IOException, DecodeException {
        if (!readFully(channel, header)) {
            return false;
        }
        int h = header.getInt(0);
        int length = RawSocketFraming.length(h);
        if (RawSocketFraming.reservedBits(h) != 0 || length < 0) {
            throw new IOException(String.format("invalid RawSocket frame header 0x%08X", h));
        }
        if (length > maxReceiveLength) {
            throw new IOException("the router sent a frame of " + length + " bytes; the handshake allowed "
                    + maxReceiveLength);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (!readFully(channel, payload)) {
            throw new EOFException("the connection closed in the middle of a frame");
        }
        switch (RawSocketFraming.type(h)) {
            case RawSocketFraming.MESSAGE -> handler.onMessage(serializer.decode(payload.array(), 0, length));
            case RawSocketFraming.PING -> writeFrame(RawSocketFraming.PONG, payload.array());
            case RawSocketFraming.PONG -> LOG.trace("PONG from {}", address);
            default -> throw new IOException("the router sent a frame of reserved type " + RawSocketFraming.type(h));
        }
        return true;
    }

    /** Fills {@code buffer}; {@code false} on end-of-stream before the first byte, EOF exception after it. */
    private static boolean readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("the connection closed in the middle of a frame");
            }
        }
        return true;
    }

    // ---- writing ----

    @Override
    public void send(Message message) {
        byte[] bytes = serializer.encode(message);
        if (bytes.length > routerMaxLength) {
            throw new WampException(WampErrors.PAYLOAD_SIZE_EXCEEDED, "the message is " + bytes.length
                    + " bytes long; the router accepts at most " + routerMaxLength + " (RawSocket handshake)");
        }
        writeFrame(RawSocketFraming.MESSAGE, bytes);
    }

    /** A failed write closes the channel; the reader then reports the loss with its cause. */
    private void writeFrame(int type, byte[] payload) {
        synchronized (writeLock) {
            try {
                ByteBuffer[] frame = {RawSocketFraming.header(type, payload.length), ByteBuffer.wrap(payload)};
                while (frame[1].hasRemaining() || frame[0].hasRemaining()) {
                    channel.write(frame);
                }
            } catch (IOException e) {
                LOG.debug("Write to {} failed: {}", address, e.toString());
                writeFailure = e;
                closeQuietly(channel);
            }
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with a channel that cannot even close
        }
    }

    @Override
    public String toString() {
        return "RawSocketClientTransport[" + address + ", " + serializer.name() + (closed.get() ? ", closed" : "")
                + "]";
    }
}
