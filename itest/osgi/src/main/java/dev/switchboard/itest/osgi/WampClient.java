package dev.switchboard.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bare WAMP-over-WebSocket client on the JDK's {@link java.net.http.WebSocket}, running inside the framework like
 * any bundle's code. Messages are JSON text written by the tests as plain strings; answers are parsed with
 * {@link Json}. Not thread-safe: one test thread drives it.
 */
final class WampClient implements AutoCloseable {

    static final String JSON = "wamp.2.json";

    // WAMP message codes (WAMP spec, section "Message Codes and Direction").
    static final long HELLO = 1, WELCOME = 2, ABORT = 3, GOODBYE = 6, ERROR = 8, CALL = 48, RESULT = 50,
            REGISTER = 64, REGISTERED = 65, INVOCATION = 68, YIELD = 70;

    /** One client for all connections: its selector thread is shared and dies with it. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Marks the end of the inbox: the connection closed or failed. */
    private static final String CLOSED = "\u0000closed";

    private final WebSocket socket;
    private final BlockingQueue<String> inbox;
    private final StringBuilder partial;
    private volatile String closeReason;
    private boolean joined;

    private WampClient(WebSocket socket, BlockingQueue<String> inbox, StringBuilder partial) {
        this.socket = socket;
        this.inbox = inbox;
        this.partial = partial;
    }

    /** Opens a connection offering the subprotocols, in order of preference; fails the test if it is refused. */
    static WampClient connect(URI uri, String... subprotocols) {
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WampClient[] self = new WampClient[1];
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    inbox.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                if (self[0] != null) {
                    self[0].closeReason = statusCode + " " + reason;
                }
                inbox.add(CLOSED);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                if (self[0] != null) {
                    self[0].closeReason = error.toString();
                }
                inbox.add(CLOSED);
            }
        };
        try {
            WebSocket socket = open(uri, listener, subprotocols).get(Node.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new WampClient(socket, inbox, partial);
            return self[0];
        } catch (ExecutionException e) {
            throw new AssertionError("WebSocket upgrade to " + uri + " offering " + Arrays.toString(subprotocols)
                    + " failed: " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("WebSocket upgrade to " + uri + " did not complete", e);
        }
    }

    /**
     * Tries an upgrade that the router must refuse, and returns the HTTP status of the refusal. Fails the test if
     * the upgrade succeeds (naming the subprotocol the router picked).
     */
    static int refusedUpgradeStatus(URI uri, String... subprotocols) {
        CompletableFuture<WebSocket> attempt = open(uri, new WebSocket.Listener() {}, subprotocols);
        try {
            WebSocket socket = attempt.get(Node.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String chosen = socket.getSubprotocol();
            socket.abort();
            return fail("the upgrade offering " + Arrays.toString(subprotocols) + " was accepted with subprotocol '"
                    + chosen + "'");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the upgrade failed otherwise than by an HTTP refusal: " + describe(e.getCause()),
                    e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("WebSocket upgrade to " + uri + " did not complete", e);
        }
    }

    private static CompletableFuture<WebSocket> open(URI uri, WebSocket.Listener listener, String... subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Node.TIMEOUT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(uri, listener);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WebSocketHandshakeException refused) {
            return "HTTP " + refused.getResponse().statusCode() + " " + refused.getResponse().body();
        }
        return String.valueOf(failure);
    }

    /** The subprotocol the router accepted ("" for none). */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String json) {
        try {
            socket.sendText(json, true).get(Node.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw new AssertionError("could not send " + json, e);
        }
    }

    /** The next message, parsed; fails the test when none arrives in time or the connection closed. */
    List<Object> receive() {
        String text;
        try {
            text = inbox.poll(Node.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (text == null) {
            return fail("no WAMP message within " + Node.TIMEOUT.toSeconds() + " s");
        }
        if (text == CLOSED) {
            inbox.add(CLOSED); // stays closed for the next receive
            return fail("the connection closed: " + closeReason);
        }
        return Json.message(text);
    }

    /** The next message, which must be of the given type. */
    List<Object> expect(long code) {
        List<Object> message = receive();
        assertEquals(code, message.get(0), () -> "expected message type " + code + ", got " + message);
        return message;
    }

    /** Sends HELLO announcing caller and callee, and returns WELCOME. */
    List<Object> join(String realm) {
        send("[1,\"" + realm + "\",{\"roles\":{\"caller\":{},\"callee\":{}}}]");
        List<Object> welcome = expect(WELCOME);
        joined = true;
        return welcome;
    }

    /** Leaves the realm politely when possible, then closes the connection. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                if (joined) {
                    socket.sendText("[6,{},\"wamp.close.close_realm\"]", true).get(1, TimeUnit.SECONDS);
                }
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the router may already have closed it; abort below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.abort();
    }
}
