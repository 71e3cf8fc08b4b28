package dev.switchboard.router;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscriber black- and whitelisting (WAMP spec, advanced: subscriber_blackwhite_listing). A subscriber receives
 * the event if it passes every whitelist given and is on no blacklist.
 */
final class RecipientFilter {
    private final Set<Long> exclude;
    private final Set<String> excludeAuthid;
    private final Set<String> excludeAuthrole;
    private final Set<Long> eligible;
    private final Set<String> eligibleAuthid;
    private final Set<String> eligibleAuthrole;

    private RecipientFilter(Map<String, Object> options) {
        exclude = ids(options, "exclude");
        excludeAuthid = strings(options, "exclude_authid");
        excludeAuthrole = strings(options, "exclude_authrole");
        eligible = ids(options, "eligible");
        eligibleAuthid = strings(options, "eligible_authid");
        eligibleAuthrole = strings(options, "eligible_authrole");
    }

    /**
     * The filter the options ask for, or {@code null} when they name none (the common, cheap case).
     *
     * @throws IllegalArgumentException when a list has the wrong type
     */
    static RecipientFilter of(Map<String, Object> options) {
        for (String key : List.of("exclude", "exclude_authid", "exclude_authrole", "eligible", "eligible_authid",
                "eligible_authrole")) {
            if (options.containsKey(key)) {
                return new RecipientFilter(options);
            }
        }
        return null;
    }

    boolean accepts(Session s) {
        if (eligible != null && !eligible.contains(s.id())) {
            return false;
        }
        if (eligibleAuthid != null && !eligibleAuthid.contains(s.authid())) {
            return false;
        }
        if (eligibleAuthrole != null && !eligibleAuthrole.contains(s.authrole())) {
            return false;
        }
        return (exclude == null || !exclude.contains(s.id()))
                && (excludeAuthid == null || !excludeAuthid.contains(s.authid()))
                && (excludeAuthrole == null || !excludeAuthrole.contains(s.authrole()));
    }

    private static Set<Long> ids(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("option '" + key + "' must be a list of session ids");
        }
        Set<Long> ids = new HashSet<>();
        for (Object o : list) {
            if (!(o instanceof Integer || o instanceof Long)) {
                throw new IllegalArgumentException("option '" + key + "' must be a list of session ids");
            }
            ids.add(((Number) o).longValue());
        }
        return ids;
    }

    private static Set<String> strings(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("option '" + key + "' must be a list of strings");
        }
        Set<String> values = new HashSet<>();
        for (Object o : list) {
            if (!(o instanceof String str)) {
                throw new IllegalArgumentException("option '" + key + "' must be a list of strings");
            }
            values.add(str);
        }
        return values;
    }
}
