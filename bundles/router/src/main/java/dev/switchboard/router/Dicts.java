package dev.switchboard.router;

import java.util.List;
import java.util.Map;

/** Typed reads of WAMP Options/Details dicts, where unknown keys are ignored as the spec requires. */
final class Dicts {
    private Dicts() {}

    static boolean bool(Map<String, Object> dict, String key, boolean fallback) {
        return dict.get(key) instanceof Boolean b ? b : fallback;
    }

    static String string(Map<String, Object> dict, String key, String fallback) {
        return dict.get(key) instanceof String s ? s : fallback;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Map<String, Object> dict, String key) {
        return dict.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Whether options black- or whitelist by session id, which makes an event unfit for event history. */
    static boolean hasSessionIdLists(Map<String, Object> options) {
        return options.containsKey("exclude") || options.containsKey("eligible");
    }

    /** A message for a router-generated ERROR or ABORT: the human-readable text goes in args[0]. */
    static List<Object> because(String text) {
        return List.of(text);
    }
}
