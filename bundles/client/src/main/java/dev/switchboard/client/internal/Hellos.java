package dev.switchboard.client.internal;

import dev.switchboard.api.message.Hello;
import dev.switchboard.client.JoinOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HELLO this client sends: its roles with exactly the features the session implements (WAMP spec, advanced
 * features), so that the router enables them (e.g. INTERRUPT only goes to callees announcing call_canceling).
 */
final class Hellos {
    static final String AGENT = "Switchboard-client/0.1";

    private static final Map<String, Object> ROLES = Map.of(
            "caller", features("progressive_call_results", "call_canceling", "call_timeout", "caller_identification"),
            "callee", features("progressive_call_results", "call_canceling", "caller_identification",
                    "pattern_based_registration", "shared_registration"),
            "publisher", features("publisher_exclusion", "publisher_identification", "subscriber_blackwhite_listing"),
            "subscriber", features("pattern_based_subscription", "publisher_identification", "event_retention"));

    private Hellos() {}

    static Hello hello(String realm, JoinOptions options) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agent", AGENT);
        details.put("roles", ROLES);
        if (options.authid() != null) {
            details.put("authid", options.authid());
        }
        if (options.authrole() != null) {
            details.put("authrole", options.authrole());
        }
        return new Hello(realm, details);
    }

    private static Map<String, Object> features(String... names) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String name : names) {
            features.put(name, true);
        }
        return Map.of("features", features);
    }
}
