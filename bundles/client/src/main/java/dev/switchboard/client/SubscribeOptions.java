package dev.switchboard.client;

import java.util.Objects;

/** Options of a SUBSCRIBE. Immutable: each {@code with...} returns a copy. */
public final class SubscribeOptions {
    private static final SubscribeOptions DEFAULTS = new SubscribeOptions(MatchPolicy.EXACT, false);

    private final MatchPolicy match;
    private final boolean getRetained;

    private SubscribeOptions(MatchPolicy match, boolean getRetained) {
        this.match = match;
        this.getRetained = getRetained;
    }

    /** Exact match, no retained event. */
    public static SubscribeOptions defaults() {
        return DEFAULTS;
    }

    /** Pattern-based subscription; {@link EventDetails#topic()} tells the topic an event was published to. */
    public SubscribeOptions withMatch(MatchPolicy policy) {
        return new SubscribeOptions(Objects.requireNonNull(policy, "policy"), getRetained);
    }

    /** Asks for the topic's retained event right after subscribing (event retention). */
    public SubscribeOptions withGetRetained(boolean get) {
        return new SubscribeOptions(match, get);
    }

    public MatchPolicy match() {
        return match;
    }

    public boolean getRetained() {
        return getRetained;
    }

    @Override
    public String toString() {
        return "SubscribeOptions[match=" + match + ", getRetained=" + getRetained + "]";
    }
}
