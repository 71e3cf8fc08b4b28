package dev.switchboard.client.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.api.message.Message;
import dev.switchboard.client.testing.TestSupport;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A fake router connection: records what the client sends; the test plays the router's part. */
final class ScriptedTransport implements ClientTransport {
    final BlockingQueue<Message> sent = new LinkedBlockingQueue<>();
    volatile TransportHandler handler;
    volatile boolean closed;

    /** A factory that hands out this one transport. */
    TransportFactory factory() {
        return (h, actor) -> {
            handler = h;
            return this;
        };
    }

    @Override
    public void send(Message message) {
        sent.add(message);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The router sends {@code message} to the client. */
    void deliver(Message message) {
        handler.onMessage(message);
    }

    <T extends Message> T next(Class<T> type) {
        return assertInstanceOf(type, TestSupport.poll(sent));
    }

    void assertNothingSent() throws InterruptedException {
        assertNull(sent.poll(200, TimeUnit.MILLISECONDS), "the client sent something unexpected");
    }
}
