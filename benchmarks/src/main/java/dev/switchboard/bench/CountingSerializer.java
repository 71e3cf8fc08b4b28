package dev.switchboard.bench;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;

/** A serializer that counts its encodes, so a benchmark can show how many encodes one routed message costs. */
public final class CountingSerializer implements Serializer {
    private final Serializer delegate;
    private long encodes;

    public CountingSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    /** Encodes since the last call; not thread-safe (benchmarks run one thread). */
    public long takeEncodes() {
        long n = encodes;
        encodes = 0;
        return n;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String subprotocol() {
        return delegate.subprotocol();
    }

    @Override
    public int rawSocketId() {
        return delegate.rawSocketId();
    }

    @Override
    public boolean binary() {
        return delegate.binary();
    }

    @Override
    public Message decode(byte[] data, int offset, int length) throws DecodeException {
        return delegate.decode(data, offset, length);
    }

    @Override
    public byte[] encode(Message message) {
        encodes++;
        return delegate.encode(message);
    }

    @Override
    public String toString() {
        return "Counting" + delegate;
    }
}
