package dev.switchboard.api.admin;

import java.util.Map;

/**
 * A realm and its counters since it started. Message counts are keyed by message name (e.g. {@code CALL}); errors
 * by the URI of every ERROR and ABORT the router sent.
 */
public record RealmInfo(String name, int sessions, int registrations, int subscriptions, int pendingCalls,
        long messagesIn, long messagesOut, Map<String, Long> messagesInByType, Map<String, Long> messagesOutByType,
        Map<String, Long> errorsByUri) {}
