package dev.switchboard.transport.rawsocket;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides when to read on, so that a read (Jetty fill interest) is never registered twice (Jetty throws
 * {@code ReadPendingException}) and never lost. The router pauses reading by returning {@code false} from
 * {@code RouterSession.receive} and resumes with {@code Peer.resumeReading()}, possibly from another thread and
 * possibly before {@code receive} has even returned.
 *
 * <p>The same state machine as the WebSocket transport's {@code ReadGate}: a copy, because transport bundles
 * export nothing (a shared internal package would be the place for both).
 */
final class ReadGate {

    private enum State {
        /** Reading, or waiting for bytes; frames are parsed between messages. */
        READING,
        /** A message is being handed to the router. */
        DELIVERING,
        /** {@code resumeReading()} arrived while delivering: the router has already caught up. */
        RESUME_REQUESTED,
        /** The router asked to stop; nothing is demanded until it resumes. */
        PAUSED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.READING);

    /** Called before handing a message to the router. */
    void beginDelivery() {
        state.set(State.DELIVERING);
    }

    /**
     * Called after the router took the message.
     *
     * @param routerWantsMore what {@code RouterSession.receive} returned
     * @return whether the caller must demand the next frame now
     */
    boolean endDelivery(boolean routerWantsMore) {
        if (routerWantsMore || !state.compareAndSet(State.DELIVERING, State.PAUSED)) {
            state.set(State.READING); // wants more, or resume already requested
            return true;
        }
        return false;
    }

    /**
     * Called by {@code Peer.resumeReading()}.
     *
     * @return whether the caller must demand the next frame now
     */
    boolean resume() {
        while (true) {
            State current = state.get();
            switch (current) {
                case PAUSED -> {
                    if (state.compareAndSet(State.PAUSED, State.READING)) return true;
                }
                case DELIVERING -> {
                    if (state.compareAndSet(State.DELIVERING, State.RESUME_REQUESTED)) return false;
                }
                default -> {
                    return false; // already reading: a spurious resume must not demand twice
                }
            }
        }
    }

    boolean isPaused() {
        return state.get() == State.PAUSED;
    }

    @Override
    public String toString() {
        return state.get().toString();
    }
}
