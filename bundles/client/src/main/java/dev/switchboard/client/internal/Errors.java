package dev.switchboard.client.internal;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.WampException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps what a procedure threw to the ERROR its caller gets. */
final class Errors {
    private Errors() {}

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A WampException as is; a cancelled future as canceled; anything else as runtime_error with its message. */
    static WampException toWamp(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof WampException w) {
            return w;
        }
        if (e instanceof CancellationException) {
            return new WampException(WampErrors.CANCELED, "the procedure cancelled its result");
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return new WampException(CalleeRole.RUNTIME_ERROR, message);
    }
}
