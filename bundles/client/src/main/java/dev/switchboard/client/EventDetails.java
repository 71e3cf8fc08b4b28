package dev.switchboard.client;

import java.util.Map;

/**
 * What the router says about an event besides its payload.
 *
 * @param subscription      the router's subscription id
 * @param publication       the router's publication id
 * @param topic             the topic published to: EVENT.Details.topic for pattern-based subscriptions, else the
 *                          subscribed topic
 * @param publisher         the publisher's session id, or {@code null} when not disclosed (publisher identification)
 * @param publisherAuthid   or {@code null}
 * @param publisherAuthrole or {@code null}
 * @param retained          whether this is a retained event delivered on subscribing (event retention)
 * @param raw               EVENT.Details as sent
 */
public record EventDetails(long subscription, long publication, String topic, Long publisher,
        String publisherAuthid, String publisherAuthrole, boolean retained, Map<String, Object> raw) {

    public EventDetails {
        raw = Payloads.copy(raw);
    }
}
