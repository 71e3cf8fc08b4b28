package dev.switchboard.webconsole;

import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the page polls ({@code data.json}): the node as it is now. Totals are counters; the page turns two
 * consecutive answers into messages per second, so the server keeps no state between polls. Long lists are cut
 * at {@link #MAX_ROWS} with the full count alongside, to keep a poll per second cheap on a busy node.
 */
final class ConsoleData {

    static final int MAX_ROWS = 500;

    private ConsoleData() {
    }

    static Map<String, Object> snapshot(RouterAdmin admin, List<ListenerInfo> listeners, Instant now) {
        List<SessionInfo> sessions = admin.sessions(null);
        List<RegistrationInfo> registrations = admin.registrations(null);
        List<SubscriptionInfo> subscriptions = admin.subscriptions(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("time", now.toEpochMilli());
        data.put("realms", admin.realms().stream().map(ConsoleData::realm).toList());
        data.put("sessionCount", sessions.size());
        data.put("sessions", sessions.stream().limit(MAX_ROWS).map(ConsoleData::session).toList());
        data.put("registrationCount", registrations.size());
        data.put("registrations", registrations.stream().limit(MAX_ROWS).map(ConsoleData::registration).toList());
        data.put("subscriptionCount", subscriptions.size());
        data.put("subscriptions", subscriptions.stream().limit(MAX_ROWS).map(ConsoleData::subscription).toList());
        data.put("transports", listeners.stream().map(ConsoleData::transport).toList());
        return data;
    }

    static Map<String, Object> realm(RealmInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("sessions", r.sessions());
        m.put("registrations", r.registrations());
        m.put("subscriptions", r.subscriptions());
        m.put("pendingCalls", r.pendingCalls());
        m.put("messagesIn", r.messagesIn());
        m.put("messagesOut", r.messagesOut());
        m.put("errors", r.errorsByUri().values().stream().mapToLong(Long::longValue).sum());
        return m;
    }

    static Map<String, Object> session(SessionInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("realm", s.realm());
        m.put("authid", s.authid());
        m.put("authrole", s.authrole());
        m.put("authmethod", s.authmethod());
        m.put("transport", s.transport());
        m.put("peer", s.peerAddress());
        m.put("serializer", s.serializer());
        m.put("joined", time(s.joined()));
        m.put("messagesIn", s.messagesIn());
        m.put("messagesOut", s.messagesOut());
        m.put("pendingOutboundBytes", s.pendingOutboundBytes() < 0 ? null : s.pendingOutboundBytes());
        return m;
    }

    static Map<String, Object> registration(RegistrationInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("realm", r.realm());
        m.put("procedure", r.procedure());
        m.put("match", r.match());
        m.put("invoke", r.invoke());
        m.put("callees", r.callees().size());
        m.put("created", time(r.created()));
        return m;
    }

    static Map<String, Object> subscription(SubscriptionInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("realm", s.realm());
        m.put("topic", s.topic());
        m.put("match", s.match());
        m.put("subscribers", s.subscribers().size());
        m.put("created", time(s.created()));
        return m;
    }

    static Map<String, Object> transport(ListenerInfo l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("transport", l.transport());
        m.put("addresses", l.addresses());
        m.put("connections", l.connections());
        return m;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
