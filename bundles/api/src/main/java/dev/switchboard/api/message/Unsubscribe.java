package dev.switchboard.api.message;

import java.util.Objects;

/** UNSUBSCRIBE (34): Ends a subscription. */
public final class Unsubscribe extends Message {
    public static final int TYPE = 34;

    private final long request;
    private final long subscription;

    public Unsubscribe(long request, long subscription) {
        this.request = request;
        this.subscription = subscription;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long request() {
        return request;
    }

    public long subscription() {
        return subscription;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Unsubscribe that)) return false;
        return request == that.request
                && subscription == that.subscription;
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, subscription);
    }

    @Override
    public String toString() {
        return "UNSUBSCRIBE[" + request + ", " + subscription + "]";
    }
}
