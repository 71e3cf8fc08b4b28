package dev.switchboard.router;

/** A topic pattern that keeps event history, from the realm's {@code eventHistory} configuration. */
record HistorySpec(String topic, Match match, int limit) {
    static final int DEFAULT_LIMIT = 1000;

    /**
     * Parses {@code uri} or {@code uri;match=prefix;limit=100}.
     *
     * @throws IllegalArgumentException naming the realm and the entry when it is malformed
     */
    static HistorySpec parse(String realm, String entry) {
        String[] parts = entry.split(";");
        String topic = parts[0].trim();
        Match match = Match.EXACT;
        int limit = DEFAULT_LIMIT;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            String key = kv[0].trim();
            String value = kv.length == 2 ? kv[1].trim() : "";
            switch (key) {
                case "match" -> {
                    match = Match.parse(value);
                    if (match == null) {
                        throw invalid(realm, entry, "match must be exact, prefix or wildcard");
                    }
                }
                case "limit" -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        limit = -1;
                    }
                    if (limit < 1) {
                        throw invalid(realm, entry, "limit must be a positive integer");
                    }
                }
                default -> throw invalid(realm, entry, "unknown attribute '" + key + "'");
            }
        }
        if (!dev.switchboard.api.uri.Uris.isValid(topic, false, match != Match.EXACT)) {
            throw invalid(realm, entry, "'" + topic + "' is not a valid topic URI");
        }
        return new HistorySpec(topic, match, limit);
    }

    private static IllegalArgumentException invalid(String realm, String entry, String why) {
        return new IllegalArgumentException("realm '" + realm + "': eventHistory entry '" + entry + "': " + why);
    }
}
