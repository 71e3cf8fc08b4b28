package dev.switchboard.api.serializer;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A few idle instances of what a serializer would otherwise create per message (a generator or packer with its
 * buffer), taken and given back without locks. An instance that is not given back (its work failed halfway, or
 * every slot was full) is left to the garbage collector, so a caller gives back only what it finished with cleanly.
 * Owned by one serializer instance: nothing of its bundle stays reachable from other bundles' threads once the
 * serializer is gone, as it would through a thread-local. Thread-safe.
 *
 * @param <T> what is pooled
 */
public final class IdlePool<T> {

    private static final int SLOTS = 16; // a power of two, above the threads that encode at once

    private final Supplier<T> factory;
    private final AtomicReferenceArray<T> idle = new AtomicReferenceArray<>(SLOTS);

    /** @param factory makes a new instance when none is idle */
    public IdlePool(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    /** An idle instance, or a new one. */
    public T take() {
        int start = firstSlot();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            T t = idle.get(slot);
            if (t != null && idle.compareAndSet(slot, t, null)) {
                return t;
            }
        }
        return Objects.requireNonNull(factory.get(), "the pool's factory made null");
    }

    /** Keeps {@code t} for a later {@link #take} if a slot is free; else drops it. */
    public void giveBack(T t) {
        Objects.requireNonNull(t);
        int start = firstSlot();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (idle.get(slot) == null && idle.compareAndSet(slot, null, t)) {
                return;
            }
        }
    }

    /** Threads start looking at different slots, so that they rarely meet on one. */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    private static int firstSlot() {
        return (int) Thread.currentThread().getId();
    }
}
