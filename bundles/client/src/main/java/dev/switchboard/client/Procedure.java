package dev.switchboard.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A procedure's implementation. It runs on a client thread, never on the router's; many invocations may run at
 * once. Its answer becomes the caller's RESULT. Throwing or completing exceptionally with a {@link WampException}
 * sends ERROR with that URI, args and kwargs; any other exception sends {@code wamp.error.runtime_error} with the
 * exception's message as the only argument.
 */
@FunctionalInterface
@ConsumerType
public interface Procedure {

    CompletionStage<Result> invoke(Invocation invocation) throws Exception;

    /** A procedure that answers synchronously, for the common case; it may block its (client) thread. */
    @FunctionalInterface
    @ConsumerType
    interface Sync {
        Result invoke(Invocation invocation) throws Exception;
    }

    /** Adapts a synchronous implementation: {@code register("com.example.add", Procedure.sync(inv -> ...))}. */
    static Procedure sync(Sync procedure) {
        return invocation -> CompletableFuture.completedFuture(procedure.invoke(invocation));
    }
}
