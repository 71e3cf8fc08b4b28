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
                "publisher_exclusion", true));
        Map<String, Object> dealer = Map.of("features", Map.of());
        return Map.of("broker", broker, "dealer", dealer);
    }
}
