package dev.switchboard.router;

/** URI matching policies (WAMP spec, advanced: pattern-based subscription and registration). */
enum Match {
    EXACT, PREFIX, WILDCARD;

    /** The policy as spelled in Options.match, or {@code null} for an unknown one. */
    static Match parse(Object option) {
        if (option == null) {
            return EXACT;
        }
        return switch (String.valueOf(option)) {
            case "exact" -> EXACT;
            case "prefix" -> PREFIX;
            case "wildcard" -> WILDCARD;
            default -> null;
        };
    }

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
