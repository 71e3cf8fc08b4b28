package dev.switchboard.bench.load;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.api.uri.WampErrors;
import java.util.Map;

/**
 * A WAMP client session on one {@link Conn}: HELLO, WELCOME, then the scenario's role in {@link #onMessage}.
 * Decodes and encodes with our serializer classes. Loop thread only.
 */
abstract class WampClient implements Conn.Listener {
    /** Basic Profile roles only, so every router (jawampa too) accepts the HELLO. */
    static final Map<String, Object> HELLO_DETAILS = Map.of("roles", Map.of("caller", Map.of(), "callee", Map.of(),
            "publisher", Map.of(), "subscriber", Map.of()), "agent", "switchboard-loadgen");

    final Serializer serializer;
    final String realm;
    final Conn conn;
    final IoLoop loop;
    volatile long sessionId;
    long helloSentAt;
    private long lastRequest;
    private volatile boolean closed;
    private boolean leaving;

    WampClient(IoLoop loop, Endpoint endpoint, Serializer serializer, String realm) {
        this.loop = loop;
        this.serializer = serializer;
        this.realm = realm;
        this.conn = new Conn(loop, endpoint, serializer.subprotocol(), serializer.rawSocketId(), !serializer.binary(),
                this);
    }

    /** Connects and joins; on the loop thread. */
    void start() {
        conn.connect();
    }

    long nextRequest() {
        return ++lastRequest;
    }

    boolean isJoined() {
        return sessionId != 0 && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    void send(Message m) {
        conn.send(serializer.encode(m));
    }

    /** GOODBYE, then the router's GOODBYE closes the connection (or {@link #abort} does). */
    void leave() {
        if (isJoined() && !leaving) {
            leaving = true;
            send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        }
    }

    void abort() {
        closed = true;
        conn.abort();
    }

    @Override
    public void opened(Conn c) {
        helloSentAt = System.nanoTime();
        send(new Hello(realm, HELLO_DETAILS));
    }

    @Override
    public void message(byte[] data, int offset, int length) {
        if (sessionId != 0 && !leaving && !decodeNext()) {
            onUndecoded();
            return;
        }
        Message m;
        try {
            m = serializer.decode(data, offset, length);
        } catch (DecodeException e) {
            loop.stats.error("undecodable message: " + e.getMessage());
            return;
        }
        if (m instanceof Welcome w) {
            sessionId = w.session();
            onJoined(System.nanoTime() - helloSentAt);
        } else if (m instanceof Abort a) {
            loop.stats.error("ABORT " + a.reason());
            closed("ABORT " + a.reason());
            conn.close("aborted");
        } else if (m instanceof Goodbye) {
            if (!leaving) {
                send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT)); // the router closes: reply
            }
            closed = true;
            conn.close("goodbye");
        } else if (m instanceof Error e) {
            loop.stats.error("ERROR " + e.error() + " " + e.args());
            onMessage(m);
        } else {
            onMessage(m);
        }
    }

    @Override
    public void closed(String why) {
        if (!closed) {
            closed = true;
            onLost(why);
        }
    }

    /** Whether to decode the next message; a subscriber that only counts events may skip most. */
    boolean decodeNext() {
        return true;
    }

    /** A message that was not decoded (see {@link #decodeNext}). */
    void onUndecoded() {}

    abstract void onJoined(long helloToWelcomeNanos);

    abstract void onMessage(Message m);

    /** The connection went without GOODBYE from us. */
    void onLost(String why) {
        loop.stats.error("connection lost: " + why);
    }
}
