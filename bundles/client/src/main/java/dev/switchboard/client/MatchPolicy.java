package dev.switchboard.client;

/** How a registration's procedure or a subscription's topic matches URIs (pattern-based registration/subscription). */
public enum MatchPolicy {
    EXACT("exact"),
    /** {@code com.example} matches {@code com.example.a} and {@code com.example.a.b}. */
    PREFIX("prefix"),
    /** {@code com..update} matches {@code com.user.update}: empty components match any one component. */
    WILDCARD("wildcard");

    private final String wireName;

    MatchPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code Options.match}. */
    public String wireName() {
        return wireName;
    }
}
