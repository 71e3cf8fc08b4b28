package dev.switchboard.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;

/** A serializer that speaks one message: {@code GOODBYE <reason>} as UTF-8. Counts its encodes. */
final class TestSerializer implements Serializer {

    private final String name;
    private final String subprotocol;
    private final boolean binary;
    final AtomicInteger encodes = new AtomicInteger();

    private TestSerializer(String name, String subprotocol, boolean binary) {
        this.name = name;
        this.subprotocol = subprotocol;
        this.binary = binary;
    }

    static TestSerializer json() {
        return new TestSerializer("json", "wamp.2.json", false);
    }

    static TestSerializer msgpack() {
        return new TestSerializer("msgpack", "wamp.2.msgpack", true);
    }

    static TestSerializer cbor() {
        return new TestSerializer("cbor", "wamp.2.cbor", true);
    }

    static Goodbye goodbye(String reason) {
        return new Goodbye(Map.of(), reason);
    }

    static String text(String reason) {
        return "GOODBYE " + reason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public int rawSocketId() {
        return 0;
    }

    @Override
    public boolean binary() {
        return binary;
    }

    @Override
    public Message decode(byte[] data, int offset, int length) throws DecodeException {
        String text = new String(data, offset, length, StandardCharsets.UTF_8);
        if (!text.startsWith("GOODBYE ")) {
            throw new DecodeException("not a test message: " + text.substring(0, Math.min(20, text.length())));
        }
        return goodbye(text.substring("GOODBYE ".length()));
    }

    @Override
    public byte[] encode(Message message) {
        encodes.incrementAndGet();
        String reason = message instanceof Goodbye goodbye ? goodbye.reason() : "type " + message.type();
        return text(reason).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return subprotocol;
    }
}
