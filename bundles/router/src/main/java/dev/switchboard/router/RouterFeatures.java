package dev.switchboard.router;

import java.util.Map;

/**
 * The roles and features announced in WELCOME. Only what the router really implements is announced
 * (WAMP spec, advanced/features): a client relies on each of these keys.
 */
final class RouterFeatures {
    private RouterFeatures() {}

    static Map<String, Object> roles() {
        Map<String, Object> broker = Map.of("features", Map.of(
                "publisher_exclusion", true,
                "publisher_identification", true,
                "subscriber_blackwhite_listing", true,
                "pattern_based_subscription", true,
                "event_retention", true,
                "event_history", true,
                "session_meta_api", true,
                "subscription_meta_api", true));
        Map<String, Object> dealer = Map.of("features", Map.of(
                "progressive_call_results", true,
                "call_canceling", true,
                "call_timeout", true,
                "caller_identification", true,
                "pattern_based_registration", true,
                "shared_registration", true,
                "session_meta_api", true,
                "registration_meta_api", true,
                "testament_meta_api", true));
        // The event history text asks a broker with event_history to announce the callee role as well, but real
        // clients (autobahn-python 22.7) reject any router role other than broker and dealer, so we announce none.
        return Map.of("broker", broker, "dealer", dealer);
    }
}
