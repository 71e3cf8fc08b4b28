package dev.switchboard.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of WAMP Details dicts (unknown keys are ignored, as the spec requires) and payload copies. */
final class Wire {
    private Wire() {}

    /** An id or integer option; {@code null} when missing or not an integer. */
    static Long id(Map<String, Object> dict, String key) {
        Object v = dict.get(key);
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                ? ((Number) v).longValue() : null;
    }

    static String string(Map<String, Object> dict, String key) {
        return dict.get(key) instanceof String s ? s : null;
    }

    static boolean bool(Map<String, Object> dict, String key) {
        return dict.get(key) instanceof Boolean b && b;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Map<String, Object> dict, String key) {
        return dict.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A snapshot of a caller's list for a message; {@code null} stays {@code null} (no payload). */
    static List<Object> args(List<?> args) {
        return args == null ? null : new ArrayList<>(args);
    }

    static Map<String, Object> kwargs(Map<String, ?> kwargs) {
        return kwargs == null ? null : new java.util.LinkedHashMap<>(kwargs);
    }

    /** The human-readable text routers put in an ERROR's or ABORT's first argument, else the URI. */
    static String text(String uri, List<Object> args) {
        return args != null && !args.isEmpty() && args.get(0) instanceof String s ? s : uri;
    }
}
