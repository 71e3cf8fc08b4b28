package dev.switchboard.api.message;

import dev.switchboard.api.serializer.Serializer;

/**
 * A WAMP message. Subclasses are immutable; their {@code args}, {@code kwargs}, {@code details} and
 * {@code options} hold plain values: {@code null}, {@link Boolean}, {@link Number}, {@link String},
 * {@code byte[]}, {@link java.util.List} and {@link java.util.Map} with {@link String} keys.
 *
 * <p>A message remembers its encodings so that one EVENT fanned out to many subscribers is encoded
 * once per serializer, not once per subscriber.
 */
public abstract sealed class Message
        permits Hello, Welcome, Abort, Challenge, Authenticate, Goodbye, Error, Publish, Published, Subscribe,
        Subscribed, Unsubscribe, Unsubscribed, Event, Call, Cancel, Result, Register, Registered, Unregister,
        Unregistered, Invocation, Interrupt, Yield {

    /** Immutable so that a racy read of {@link #encodings} always sees complete entries. */
    private record Encoding(Serializer serializer, byte[] bytes) {}

    // Racy on purpose: two threads may both encode and one result wins; both are equal bytes.
    private Encoding[] encodings;

    /** The WAMP message type code, e.g. 1 for HELLO. */
    public abstract int type();

    /**
     * This message's bytes in the given serializer, computed at most once per serializer in the usual case.
     * Callers must not modify the returned array.
     */
    public final byte[] encodedWith(Serializer serializer) {
        Encoding[] current = encodings;
        if (current != null) {
            for (Encoding e : current) {
                if (e.serializer == serializer) {
                    return e.bytes;
                }
            }
        }
        byte[] bytes = serializer.encode(this);
        Encoding[] next;
        if (current == null) {
            next = new Encoding[] {new Encoding(serializer, bytes)};
        } else {
            next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = new Encoding(serializer, bytes);
        }
        encodings = next;
        return bytes;
    }
}
