package dev.switchboard.api.message;

import java.util.Objects;

/** REGISTERED (65): Acknowledges a REGISTER. */
public final class Registered extends Message {
    public static final int TYPE = 65;

    private final long request;
    private final long registration;

    public Registered(long request, long registration) {
        this.request = request;
        this.registration = registration;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long request() {
        return request;
    }

    public long registration() {
        return registration;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Registered that)) return false;
        return request == that.request
                && registration == that.registration;
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, registration);
    }

    @Override
    public String toString() {
        return "REGISTERED[" + request + ", " + registration + "]";
    }
}
