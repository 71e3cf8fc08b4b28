package dev.switchboard.api.message;

import java.util.Objects;

/** PUBLISHED (17): Acknowledges a PUBLISH that asked for it. */
public final class Published extends Message {
    public static final int TYPE = 17;

    private final long request;
    private final long publication;

    public Published(long request, long publication) {
        this.request = request;
        this.publication = publication;
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long request() {
        return request;
    }

    public long publication() {
        return publication;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Published that)) return false;
        return request == that.request
                && publication == that.publication;
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, publication);
    }

    @Override
    public String toString() {
        return "PUBLISHED[" + request + ", " + publication + "]";
    }
}
