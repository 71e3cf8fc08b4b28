package dev.switchboard.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code -j} prints: the admin snapshots as JSON for scripts. Built as explicit maps rather than by serializing
 * the records, so that the field names are a stable interface (camelCase, as in the records) and times are ISO-8601
 * strings without needing Jackson's java.time module on the node.
 */
final class JsonViews {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private JsonViews() {
    }

    static String pretty(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String compact(Object tree) {
        try {
            return COMPACT.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<Map<String, Object>> realms(List<RealmInfo> realms) {
        return realms.stream().map(JsonViews::realm).toList();
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
        return m;
    }

    static List<Map<String, Object>> sessions(List<SessionInfo> sessions) {
        return sessions.stream().map(JsonViews::session).toList();
    }

    static Map<String, Object> session(SessionInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("realm", s.realm());
        m.put("authid", s.authid());
        m.put("authrole", s.authrole());
        m.put("authmethod", s.authmethod());
        m.put("transport", s.transport());
        m.put("listener", s.listener());
        m.put("peer", s.peerAddress());
        m.put("serializer", s.serializer());
        m.put("joined", TableViews.time(s.joined()));
        m.put("messagesIn", s.messagesIn());
        m.put("messagesOut", s.messagesOut());
        m.put("pendingOutboundBytes", s.pendingOutboundBytes() < 0 ? null : s.pendingOutboundBytes());
        m.put("registrations", s.registrations());
        m.put("subscriptions", s.subscriptions());
        return m;
    }

    /** {@code wamp:session -j}: the session with its registrations and subscriptions in full. */
    static Map<String, Object> sessionDetail(SessionInfo s, List<RegistrationInfo> registrations,
            List<SubscriptionInfo> subscriptions) {
        Map<String, Object> m = session(s);
        m.put("registrations", registrations(registrations));
        m.put("subscriptions", subscriptions(subscriptions));
        return m;
    }

    static List<Map<String, Object>> registrations(List<RegistrationInfo> registrations) {
        return registrations.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("realm", r.realm());
            m.put("procedure", r.procedure());
            m.put("match", r.match());
            m.put("invoke", r.invoke());
            m.put("callees", r.callees());
            m.put("created", TableViews.time(r.created()));
            return m;
        }).toList();
    }

    static List<Map<String, Object>> subscriptions(List<SubscriptionInfo> subscriptions) {
        return subscriptions.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("realm", s.realm());
            m.put("topic", s.topic());
            m.put("match", s.match());
            m.put("subscribers", s.subscribers());
            m.put("created", TableViews.time(s.created()));
            return m;
        }).toList();
    }

    static List<Map<String, Object>> transports(List<ListenerView> listeners) {
        return listeners.stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("listener", l.name());
            m.put("transport", l.transport());
            m.put("addresses", l.addresses());
            m.put("connections", l.connections());
            return m;
        }).toList();
    }

    static List<Map<String, Object>> stats(List<RealmInfo> realms) {
        return realms.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("realm", r.name());
            m.put("messagesIn", r.messagesIn());
            m.put("messagesOut", r.messagesOut());
            m.put("messagesInByType", new TreeMap<>(r.messagesInByType()));
            m.put("messagesOutByType", new TreeMap<>(r.messagesOutByType()));
            m.put("errorsByUri", new TreeMap<>(r.errorsByUri()));
            return m;
        }).toList();
    }

    static Map<String, Object> callResult(List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("args", args);
        m.put("kwargs", kwargs);
        return m;
    }
}
