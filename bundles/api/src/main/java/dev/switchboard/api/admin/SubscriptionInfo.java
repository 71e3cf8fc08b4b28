package dev.switchboard.api.admin;

import java.time.Instant;
import java.util.List;

public record SubscriptionInfo(long id, String realm, String topic, String match, List<Long> subscribers,
        Instant created) {}
