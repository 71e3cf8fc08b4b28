package dev.switchboard.itest.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Just enough of a WAMP client (JSON over java.net.http's WebSocket) for checking the demo components from the
 * test: join, call, subscribe. Every wait is bounded by {@link #TIMEOUT}.
 */
final class MiniWamp implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HELLO = 1, WELCOME = 2, ABORT = 3, GOODBYE = 6, ERROR = 8, SUBSCRIBE = 32,
            SUBSCRIBED = 33, EVENT = 36, CALL = 48, RESULT = 50;

    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, CompletableFuture<List<Object>>> pending = new ConcurrentHashMap<>();
    private final Map<Long, Consumer<List<Object>>> subscriptions = new ConcurrentHashMap<>();
    private final Map<Long, Consumer<List<Object>>> subscribing = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> welcome = new CompletableFuture<>();
    /** The reason of the router's GOODBYE, or of the WebSocket's close when it closed without one. */
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private MiniWamp(URI uri) {
        socket = await(HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("wamp.2.json")
                .connectTimeout(TIMEOUT).buildAsync(uri, new Receiver()), "connect to " + uri);
    }

    /** Connects and joins {@code realm} as a caller and subscriber. */
    static MiniWamp join(URI uri, String realm) {
        MiniWamp client = new MiniWamp(uri);
        client.send(List.of(HELLO, realm, Map.of("roles", Map.of("caller", Map.of(), "subscriber", Map.of()))));
        await(client.welcome, "WELCOME");
        return client;
    }

    /** Calls {@code procedure}; the RESULT's args, or a {@link WampError}. */
    List<Object> call(String procedure, Object... args) {
        long request = requests.incrementAndGet();
        CompletableFuture<List<Object>> answer = new CompletableFuture<>();
        pending.put(request, answer);
        send(List.of(CALL, request, Map.of(), procedure, List.of(args)));
        List<Object> result = await(answer, "the result of " + procedure);
        return result.size() > 3 ? castList(result.get(3)) : List.of();
    }

    /** Subscribes; {@code handler} gets each event's args. */
    void subscribe(String topic, Consumer<List<Object>> handler) {
        long request = requests.incrementAndGet();
        CompletableFuture<List<Object>> answer = new CompletableFuture<>();
        pending.put(request, answer);
        subscribing.put(request, handler);
        send(List.of(SUBSCRIBE, request, Map.of(), topic));
        await(answer, "SUBSCRIBED to " + topic);
    }

    /** The session id from WELCOME. */
    long sessionId() {
        return await(welcome, "WELCOME");
    }

    /** Completes with the GOODBYE reason when the router ends the session (e.g. wamp.close.killed). */
    CompletableFuture<String> closedByRouter() {
        return closed;
    }

    @Override
    public void close() {
        if (closed.isDone()) {
            socket.abort(); // the router ended the session; nothing to say goodbye to
            return;
        }
        try {
            send(List.of(GOODBYE, Map.of(), "wamp.close.normal"));
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    /** An ERROR answer. */
    static final class WampError extends RuntimeException {
        final String uri;

        WampError(String uri) {
            super(uri);
            this.uri = uri;
        }
    }

    private void send(List<?> message) {
        try {
            await(socket.sendText(JSON.writeValueAsString(message), true), "send");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void receive(List<Object> message) {
        long request;
        switch (((Number) message.get(0)).intValue()) {
            case WELCOME -> welcome.complete(((Number) message.get(1)).longValue());
            case ABORT -> welcome.completeExceptionally(new WampError((String) message.get(2)));
            case RESULT -> complete(((Number) message.get(1)).longValue(), message);
            case SUBSCRIBED -> {
                request = ((Number) message.get(1)).longValue();
                subscriptions.put(((Number) message.get(2)).longValue(), subscribing.remove(request));
                complete(request, message);
            }
            case EVENT -> {
                Consumer<List<Object>> handler = subscriptions.get(((Number) message.get(1)).longValue());
                if (handler != null) {
                    handler.accept(message.size() > 4 ? castList(message.get(4)) : List.of());
                }
            }
            case ERROR -> {
                CompletableFuture<List<Object>> answer = pending.remove(((Number) message.get(2)).longValue());
                if (answer != null) {
                    answer.completeExceptionally(new WampError((String) message.get(4)));
                }
            }
            case GOODBYE -> {
                // The router ends the session: answer as the spec asks, then the router closes the transport
                closed.complete((String) message.get(2));
                socket.sendText("[" + GOODBYE + ",{},\"wamp.close.goodbye_and_out\"]", true);
            }
            default -> { } // the rest: the test does not need them
        }
    }

    private void complete(long request, List<Object> message) {
        CompletableFuture<List<Object>> answer = pending.remove(request);
        if (answer != null) {
            answer.complete(message);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WampError error) {
                throw new WampError(error.uri);
            }
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Assembles text messages (they may come in parts) and hands each to {@link #receive}. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    receive(JSON.readValue(text.toString(), castClass()));
                } catch (JsonProcessingException e) {
                    welcome.completeExceptionally(e);
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("websocket closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("websocket error " + error);
        }

        @SuppressWarnings("unchecked")
        private Class<List<Object>> castClass() {
            return (Class<List<Object>>) (Class<?>) ArrayList.class;
        }
    }
}
