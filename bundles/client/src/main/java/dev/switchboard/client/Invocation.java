package dev.switchboard.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/** One INVOCATION of a registered {@link Procedure}: what the caller sent, and the ways to answer early. */
@ProviderType
public interface Invocation {

    /** Positional arguments, never {@code null}. */
    List<Object> args();

    /** Keyword arguments, never {@code null}. */
    Map<String, Object> kwargs();

    /** Positional argument {@code index}, or {@code null} when there are fewer arguments. */
    default Object arg(int index) {
        return index < args().size() ? args().get(index) : null;
    }

    /** INVOCATION.Details as sent by the router. */
    Map<String, Object> details();

    /** The procedure URI called: for pattern-based registrations the concrete URI, else the registered one. */
    String procedure();

    /** The registration this invocation came through. */
    Registration registration();

    /** The caller's session id, or {@code null} when the caller is not disclosed (caller identification). */
    Long caller();

    /** The caller's authid, or {@code null} when not disclosed. */
    String callerAuthid();

    /** The caller's authrole, or {@code null} when not disclosed. */
    String callerAuthrole();

    /** Whether the caller asked for progressive results. */
    boolean receiveProgress();

    /**
     * Sends a progressive result (YIELD with {@code progress}) when the caller asked for them; they reach the
     * caller in the order sent, before the final result.
     *
     * @return {@code false} when nothing was sent: the caller did not ask, or the invocation is over
     */
    boolean progress(List<?> args, Map<String, ?> kwargs);

    /** Whether the router sent INTERRUPT (the call was canceled or timed out). */
    boolean isInterrupted();

    /**
     * Completes with the INTERRUPT's mode when the router interrupts this invocation. The caller has then been
     * answered ({@code wamp.error.canceled} is sent for it at once) and whatever the procedure returns later is
     * dropped: a long-running procedure should watch this and stop.
     */
    CompletionStage<CancelMode> interrupted();

    /** The session the invocation arrived on. */
    WampSession session();
}
