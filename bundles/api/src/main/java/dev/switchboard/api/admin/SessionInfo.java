package dev.switchboard.api.admin;

import java.time.Instant;
import java.util.List;

/** One session: who, over what, since when, how busy. {@code pendingOutboundBytes} is -1 where unknown. */
public record SessionInfo(long id, String realm, String authid, String authrole, String authmethod, String transport,
        String listener, String peerAddress, String serializer, Instant joined, long messagesIn, long messagesOut,
        long pendingOutboundBytes, List<Long> registrations, List<Long> subscriptions) {}
