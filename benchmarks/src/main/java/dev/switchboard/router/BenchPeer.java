package dev.switchboard.router;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.serializer.Serializer;

/**
 * A transport end for microbenchmarks: it does what a real transport does with an outgoing message up to the
 * socket, {@link Message#encodedWith(Serializer)} (so a fan-out shows one encode per serializer, not one per
 * subscriber), remembers the last message and counts what it got. Confined to the benchmark thread.
 */
final class BenchPeer implements Peer {
    private final Serializer serializer;
    private final TransportDetails details;
    RouterSession session;
    Message last;
    long messages;
    long bytes;

    BenchPeer(Serializer serializer) {
        this.serializer = serializer;
        this.details = new TransportDetails("bench", "bench:jmh", "bench:peer",
                serializer == null ? null : serializer.name());
    }

    @Override
    public void send(Message message) {
        if (serializer != null) {
            bytes += message.encodedWith(serializer).length;
        }
        last = message;
        messages++;
    }

    /** The last message the router sent, checked for its type. */
    <T extends Message> T last(Class<T> type) {
        if (!type.isInstance(last)) {
            throw new IllegalStateException("expected " + type.getSimpleName() + ", the router sent " + last);
        }
        return type.cast(last);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public void resumeReading() {
        // reading is never paused: the benchmark feeds one message at a time
    }

    @Override
    public TransportDetails details() {
        return details;
    }
}
