package dev.switchboard.api.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** EVENT (36): An event delivered to a subscriber. One instance is shared by every subscriber of a subscription, so its encoding is cached. */
public final class Event extends Message {
    public static final int TYPE = 36;

    private final long subscription;
    private final long publication;
    private final Map<String, Object> details;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public Event(long subscription, long publication, Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) {
        this.subscription = subscription;
        this.publication = publication;
        this.details = details == null ? Map.of() : details;
        this.args = args;
        this.kwargs = kwargs;
    }

    public Event(long subscription, long publication, Map<String, Object> details) {
        this(subscription, publication, details, null, null);
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long subscription() {
        return subscription;
    }

    public long publication() {
        return publication;
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Event that)) return false;
        return subscription == that.subscription
                && publication == that.publication
                && Objects.equals(details, that.details)
                && Objects.equals(args, that.args)
                && Objects.equals(kwargs, that.kwargs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscription, publication, details, args, kwargs);
    }

    @Override
    public String toString() {
        return "EVENT[" + subscription + ", " + publication + ", " + details + ", " + args + ", " + kwargs + "]";
    }
}
