package dev.switchboard.transport.rawsocket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;

/**
 * A tiny serializer for tests, independent of the real serializer modules: {@code type|field|field|...} in UTF-8,
 * with at most one string argument as the last field. Counts encodes so tests can check encode-once.
 */
final class TextTestSerializer implements Serializer {

    final AtomicInteger encodes = new AtomicInteger();
    private final String name;
    private final int rawSocketId;

    TextTestSerializer(String name, int rawSocketId) {
        this.name = name;
        this.rawSocketId = rawSocketId;
    }

    TextTestSerializer() {
        this("text", 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String subprotocol() {
        return "wamp.2." + name;
    }

    @Override
    public int rawSocketId() {
        return rawSocketId;
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public Message decode(byte[] data, int offset, int length) throws DecodeException {
        String[] f = new String(data, offset, length, StandardCharsets.UTF_8).split("\\|", -1);
        try {
            return switch (f[0]) {
                case "1" -> new Hello(f[1], Map.of());
                case "3" -> new Abort(Map.of(), f[1]);
                case "8" -> new Error(Integer.parseInt(f[1]), Long.parseLong(f[2]), Map.of(), f[3]);
                case "16" -> new Publish(Long.parseLong(f[1]), Map.of(), f[2], arg(f, 3), null);
                case "36" -> new Event(Long.parseLong(f[1]), Long.parseLong(f[2]), Map.of(), arg(f, 3), null);
                case "48" -> new Call(Long.parseLong(f[1]), Map.of(), f[2], arg(f, 3), null);
                case "50" -> new Result(Long.parseLong(f[1]), Map.of(), arg(f, 2), null);
                case "68" -> new Invocation(Long.parseLong(f[1]), Long.parseLong(f[2]), Map.of(), arg(f, 3), null);
                default -> throw new DecodeException("unknown message: " + String.join("|", f));
            };
        } catch (RuntimeException e) {
            throw new DecodeException("malformed message", e);
        }
    }

    @Override
    public byte[] encode(Message message) {
        encodes.incrementAndGet();
        return text(message).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        if (message instanceof Hello m) return "1|" + m.realm();
        if (message instanceof Abort m) return "3|" + m.reason();
        if (message instanceof Error m) return "8|" + m.requestType() + "|" + m.request() + "|" + m.error();
        if (message instanceof Publish m) return "16|" + m.request() + "|" + m.topic() + field(m.args());
        if (message instanceof Event m) return "36|" + m.subscription() + "|" + m.publication() + field(m.args());
        if (message instanceof Call m) return "48|" + m.request() + "|" + m.procedure() + field(m.args());
        if (message instanceof Result m) return "50|" + m.request() + field(m.args());
        if (message instanceof Invocation m) return "68|" + m.request() + "|" + m.registration() + field(m.args());
        throw new IllegalArgumentException("cannot encode " + message);
    }

    private static List<Object> arg(String[] fields, int index) {
        return fields.length > index ? List.of(fields[index]) : null;
    }

    private static String field(List<Object> args) {
        return args == null || args.isEmpty() ? "" : "|" + args.get(0);
    }
}
