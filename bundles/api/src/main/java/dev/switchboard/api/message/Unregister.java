package dev.switchboard.api.message;

import java.util.Objects;

/** UNREGISTER (66): Ends a registration. */
public final class Unregister extends Message {
    public static final int TYPE = 66;

    private final long request;
    private final long registration;

    public Unregister(long request, long registration) {
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
        if (!(o instanceof Unregister that)) return false;
        return request == that.request
                && registration == that.registration;
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, registration);
    }

    @Override
    public String toString() {
        return "UNREGISTER[" + request + ", " + registration + "]";
    }
}
