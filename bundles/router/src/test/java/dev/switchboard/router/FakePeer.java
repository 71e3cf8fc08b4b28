package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.serializer.Serializer;
import java.util.ArrayDeque;
import java.util.Deque;

/** A transport end that records what the router sends; optionally encodes like a real transport would. */
final class FakePeer implements Peer {
    final Deque<Message> received = new ArrayDeque<>();
    final Serializer serializer;
    RouterSession session;
    volatile boolean closed;
    int resumed;
    /** The auth policy of the pretended listener; {@code null} for anonymous only. */
    String auth;
    /** The pretended transport kind; {@code local} makes it an in-process component. */
    String transport = "fake";

    FakePeer(Serializer serializer) {
        this.serializer = serializer;
    }

    @Override
    public synchronized void send(Message message) {
        if (serializer != null) {
            message.encodedWith(serializer);
        }
        received.add(message);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void resumeReading() {
        resumed++;
    }

    @Override
    public TransportDetails details() {
        return new TransportDetails(transport, "fake:test", "fake:peer", serializer == null ? null : serializer.name(), auth);
    }

    /** Sends a message to the router as if it came from the connection. */
    boolean deliver(Message m) {
        return session.receive(m);
    }

    /** The next message the router sent, checked for its type. */
    synchronized <T extends Message> T next(Class<T> type) {
        Message m = received.poll();
        assertNotNull(m, "expected a " + type.getSimpleName() + " but the router sent nothing");
        return assertInstanceOf(type, m);
    }

    /** Waits (bounded) for the router to close the connection; GOODBYE exchanges close after a short delay. */
    boolean awaitClosed() {
        long deadline = System.currentTimeMillis() + 5000;
        while (!closed && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return closed;
            }
        }
        return closed;
    }

    synchronized boolean hasReceived() {
        return !received.isEmpty();
    }

    synchronized void assertNothingReceived() {
        assertEquals(null, received.peek(), "the router sent something unexpected");
    }
}
