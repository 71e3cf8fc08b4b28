package dev.switchboard.api.message;

import java.util.Objects;

/** SUBSCRIBED (33): Acknowledges a SUBSCRIBE. */
public final class Subscribed extends Message {
    public static final int TYPE = 33;

    private final long request;
    private final long subscription;

    public Subscribed(long request, long subscription) {
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
        if (!(o instanceof Subscribed that)) return false;
        return request == that.request
                && subscription == that.subscription;
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, subscription);
    }

    @Override
    public String toString() {
        return "SUBSCRIBED[" + request + ", " + subscription + "]";
    }
}
