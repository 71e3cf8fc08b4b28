package dev.switchboard.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings every application component shares (realm, role, extra), validated. {@code extra} is a JSON object
 * whose keys the component names up front: an unknown key is rejected, not ignored, so a typo in a configuration
 * shows at activation.
 *
 * @param owner component name for messages, e.g. {@code TimeService}
 * @param realm the realm to join
 * @param role  the authrole to ask for in HELLO, {@code ""} for none
 * @param extra the component's own options, parsed from the {@code extra} JSON
 */
public record ComponentSettings(String owner, String realm, String role, Map<String, Object> extra) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ComponentSettings {
        realm = realm == null ? "" : realm.trim();
        role = role == null ? "" : role.trim();
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        require(!realm.isEmpty(), owner, "realm", "must not be empty", realm);
    }

    /**
     * Validates the configured values.
     *
     * @param extraJson  a JSON object, or empty / {@code null} for none
     * @param extraKeys  the keys this component understands in {@code extra}
     * @throws IllegalArgumentException naming the property and what was expected
     */
    public static ComponentSettings parse(String owner, String realm, String role, String extraJson, Set<String> extraKeys) {
        Map<String, Object> extra = parseExtra(owner, extraJson);
        for (String key : extra.keySet()) {
            require(extraKeys.contains(key), owner, "extra", "has unknown key '" + key + "' (known: "
                    + new TreeSet<>(extraKeys) + ")", extraJson);
        }
        return new ComponentSettings(owner, realm, role, extra);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseExtra(String owner, String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Object value;
        try {
            value = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw invalid(owner, "extra", "is not valid JSON: " + e.getOriginalMessage(), json);
        }
        require(value instanceof Map, owner, "extra", "must be a JSON object", json);
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<String, Object>) value).forEach((k, v) -> {
            require(v != null, owner, "extra", "key '" + k + "' must not be null", json);
            copy.put(k, v);
        });
        return copy;
    }

    /** What the component asks for in HELLO. */
    public JoinOptions joinOptions() {
        return role.isEmpty() ? JoinOptions.defaults() : JoinOptions.defaults().withAuthrole(role);
    }

    /** A non-empty string from {@code extra}, or {@code fallback} when absent. */
    public String extraString(String key, String fallback) {
        Object value = extra.getOrDefault(key, fallback);
        require(value instanceof String s && !s.isBlank(), owner, "extra", "key '" + key
                + "' must be a non-empty string", value);
        return ((String) value).trim();
    }

    /** A whole number from {@code extra} in {@code [min, max]}, or {@code fallback} when absent. */
    public long extraLong(String key, long fallback, long min, long max) {
        Object value = extra.getOrDefault(key, fallback);
        boolean whole = value instanceof Integer || value instanceof Long;
        require(whole && ((Number) value).longValue() >= min && ((Number) value).longValue() <= max, owner, "extra",
                "key '" + key + "' must be a whole number from " + min + " to " + max, value);
        return ((Number) value).longValue();
    }

    private static void require(boolean valid, String owner, String property, String rule, Object value) {
        if (!valid) {
            throw invalid(owner, property, rule, value);
        }
    }

    private static IllegalArgumentException invalid(String owner, String property, String rule, Object value) {
        return new IllegalArgumentException(owner + " property '" + property + "' " + rule + " (was: " + value + ")");
    }
}
