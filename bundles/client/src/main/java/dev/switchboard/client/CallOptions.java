package dev.switchboard.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** Options of a CALL. Immutable: each {@code with...} returns a copy. */
public final class CallOptions {
    private static final CallOptions DEFAULTS = new CallOptions(0, null, false, CancelMode.KILL_NO_WAIT);

    private final long timeoutMillis;
    private final Consumer<CallResult> progressHandler;
    private final boolean discloseMe;
    private final CancelMode cancelMode;

    private CallOptions(long timeoutMillis, Consumer<CallResult> progressHandler, boolean discloseMe,
            CancelMode cancelMode) {
        this.timeoutMillis = timeoutMillis;
        this.progressHandler = progressHandler;
        this.discloseMe = discloseMe;
        this.cancelMode = cancelMode;
    }

    /** No timeout, no progressive results, caller not disclosed, {@code cancel()} means killnowait. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The router ends the call with {@code wamp.error.timeout} after this long (call timeout) and interrupts the
     * callee. {@link Duration#ZERO} means no timeout. Millisecond resolution.
     */
    public CallOptions withTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("call timeout must not be negative: " + timeout);
        }
        return new CallOptions(timeout.toMillis(), progressHandler, discloseMe, cancelMode);
    }

    /**
     * Asks for progressive call results; each one is passed to {@code handler}, in order and before the call's
     * future completes with the final result. The handler runs on a client thread, never the router's.
     */
    public CallOptions withProgress(Consumer<CallResult> handler) {
        return new CallOptions(timeoutMillis, Objects.requireNonNull(handler, "handler"), discloseMe, cancelMode);
    }

    /** Asks the router to tell the callee who calls (caller identification). */
    public CallOptions withDiscloseMe(boolean disclose) {
        return new CallOptions(timeoutMillis, progressHandler, disclose, cancelMode);
    }

    /** The CANCEL mode used when the call's future is cancelled with {@code cancel(boolean)}. */
    public CallOptions withCancelMode(CancelMode mode) {
        return new CallOptions(timeoutMillis, progressHandler, discloseMe, Objects.requireNonNull(mode, "mode"));
    }

    /** 0 for none. */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** {@code null} when progressive results are not wanted. */
    public Consumer<CallResult> progressHandler() {
        return progressHandler;
    }

    public boolean receiveProgress() {
        return progressHandler != null;
    }

    public boolean discloseMe() {
        return discloseMe;
    }

    public CancelMode cancelMode() {
        return cancelMode;
    }

    @Override
    public String toString() {
        return "CallOptions[timeout=" + timeoutMillis + "ms, receiveProgress=" + receiveProgress() + ", discloseMe="
                + discloseMe + ", cancelMode=" + cancelMode + "]";
    }
}
