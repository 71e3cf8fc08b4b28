package dev.switchboard.launcher.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys an object of config.json may have: the ones Switchboard supports, Crossbar's ones it refuses (with the
 * reason) and Crossbar's ones it accepts without effect (with the reason, logged as a warning). Anything else is a
 * typo or from another product, and an error.
 */
final class Keys {

    private final Set<String> supported;
    private final Map<String, String> unsupported = new LinkedHashMap<>();
    private final Map<String, String> ignored = new LinkedHashMap<>();

    private Keys(Set<String> supported) {
        this.supported = new TreeSet<>(supported);
    }

    static Keys of(String... supported) {
        return new Keys(Set.of(supported));
    }

    Keys unsupported(String key, String why) {
        unsupported.put(key, why);
        return this;
    }

    Keys ignored(String key, String why) {
        ignored.put(key, why);
        return this;
    }

    /** Reports every key of {@code object} that is not supported. */
    void check(Obj object) {
        for (String key : object.json().keySet()) {
            String at = object.at(key);
            if (supported.contains(key)) {
                continue;
            }
            if (unsupported.containsKey(key)) {
                object.problems().unsupported(at, unsupported.get(key));
            } else if (ignored.containsKey(key)) {
                object.problems().warn(at, "ignored: " + ignored.get(key));
            } else {
                object.problems().error(at, "unknown key (expected " + (supported.isEmpty() ? "none"
                        : "one of: " + String.join(", ", supported)) + ")");
            }
        }
    }
}
