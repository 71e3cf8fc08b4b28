package dev.switchboard.router;

import dev.switchboard.api.admin.AdminCallException;
import dev.switchboard.api.admin.CallOutcome;
import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import dev.switchboard.api.uri.WampErrors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The router's own session in a realm, through which operators call and publish (shell, web console). It speaks
 * WAMP in-process like any component, so it obeys the same rules as clients.
 */
final class AdminSession implements Peer {
    private final String realm;
    private final RouterSession session;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastRequest = new AtomicLong();
    private volatile boolean open = true;

    AdminSession(RouterCore router, String realm) {
        this.realm = realm;
        this.session = router.connectInternal(this);
        session.receive(new Hello(realm, Map.of("roles", Map.of("caller", Map.of(), "publisher", Map.of()))));
    }

    boolean isOpen() {
        return open;
    }

    CompletableFuture<CallOutcome> call(String procedure, List<Object> args, Map<String, Object> kwargs) {
        return request(id -> new Call(id, Map.of(), procedure, args, kwargs))
                .thenApply(m -> {
                    Result r = (Result) m;
                    return new CallOutcome(r.args() == null ? List.of() : r.args(),
                            r.kwargs() == null ? Map.of() : r.kwargs());
                });
    }

    CompletableFuture<Long> publish(String topic, List<Object> args, Map<String, Object> kwargs) {
        return request(id -> new Publish(id, Map.of("acknowledge", true), topic, args, kwargs))
                .thenApply(m -> ((Published) m).publication());
    }

    private CompletableFuture<Message> request(java.util.function.LongFunction<Message> build) {
        return joined.thenCompose(ignored -> {
            long id = lastRequest.incrementAndGet();
            CompletableFuture<Message> answer = new CompletableFuture<>();
            pending.put(id, answer);
            session.receive(build.apply(id));
            return answer;
        });
    }

    @Override
    public void send(Message message) {
        if (message instanceof Welcome) {
            joined.complete(null);
        } else if (message instanceof Result r) {
            complete(r.request(), r);
        } else if (message instanceof Published p) {
            complete(p.request(), p);
        } else if (message instanceof Error e) {
            CompletableFuture<Message> f = pending.remove(e.request());
            if (f != null) {
                f.completeExceptionally(new AdminCallException(e.error(), e.args(), e.kwargs()));
            }
        } else if (message instanceof Abort a) {
            fail(new AdminCallException(a.reason(), List.of("the admin session in realm '" + realm + "' was aborted"), null));
        }
        // GOODBYE and everything else: the session is over; close() follows.
    }

    private void complete(long request, Message m) {
        CompletableFuture<Message> f = pending.remove(request);
        if (f != null) {
            f.complete(m);
        }
    }

    private void fail(Throwable t) {
        open = false;
        joined.completeExceptionally(t);
        pending.values().forEach(f -> f.completeExceptionally(t));
        pending.clear();
    }

    @Override
    public void close() {
        fail(new AdminCallException(WampErrors.CLOSE_REALM, List.of("the admin session in realm '" + realm + "' closed"), null));
        session.closed();
    }

    @Override
    public void resumeReading() {}

    @Override
    public TransportDetails details() {
        return new TransportDetails("local", "local", "local:admin", null);
    }
}
