package dev.switchboard.shell;

import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The text the {@code wamp:*} commands print: pure functions from the admin snapshots to aligned tables, so that
 * they are tested without a router. Times are UTC, to the second, as in the node's log.
 */
final class TableViews {

    private TableViews() {
    }

    static String realms(List<RealmInfo> realms) {
        if (realms.isEmpty()) {
            return "no realms\n";
        }
        TextTable table = new TextTable().left("REALM").right("SESSIONS").right("REGISTRATIONS")
                .right("SUBSCRIPTIONS").right("PENDING CALLS").right("MSGS IN").right("MSGS OUT");
        for (RealmInfo r : realms) {
            table.row(r.name(), r.sessions(), r.registrations(), r.subscriptions(), r.pendingCalls(),
                    r.messagesIn(), r.messagesOut());
        }
        return table.render();
    }

    /**
     * @param showRealm whether to add a REALM column (listing every realm)
     */
    static String sessions(List<SessionInfo> sessions, boolean showRealm) {
        if (sessions.isEmpty()) {
            return "no sessions\n";
        }
        TextTable table = new TextTable().right("ID");
        if (showRealm) {
            table.left("REALM");
        }
        table.left("AUTHID").left("AUTHROLE").left("AUTHMETHOD").left("TRANSPORT").left("PEER").left("SERIALIZER")
                .left("JOINED").right("MSGS IN").right("MSGS OUT").right("PENDING OUT");
        for (SessionInfo s : sessions) {
            Object[] cells = showRealm
                    ? new Object[] {s.id(), s.realm(), s.authid(), s.authrole(), s.authmethod(), s.transport(),
                        s.peerAddress(), s.serializer(), time(s.joined()), s.messagesIn(), s.messagesOut(),
                        pendingBytes(s.pendingOutboundBytes())}
                    : new Object[] {s.id(), s.authid(), s.authrole(), s.authmethod(), s.transport(),
                        s.peerAddress(), s.serializer(), time(s.joined()), s.messagesIn(), s.messagesOut(),
                        pendingBytes(s.pendingOutboundBytes())};
            table.row(cells);
        }
        return table.render();
    }

    /** Everything about one session, then its registrations and subscriptions. */
    static String session(SessionInfo s, List<RegistrationInfo> registrations, List<SubscriptionInfo> subscriptions,
            Instant now) {
        TextTable fields = new TextTable().left("FIELD").left("VALUE");
        fields.row("id", s.id());
        fields.row("realm", s.realm());
        fields.row("authid", s.authid());
        fields.row("authrole", s.authrole());
        fields.row("authmethod", s.authmethod());
        fields.row("transport", s.transport());
        fields.row("listener", s.listener());
        fields.row("peer", s.peerAddress());
        fields.row("serializer", s.serializer());
        fields.row("joined", time(s.joined()) + " (" + age(s.joined(), now) + " ago)");
        fields.row("messages in", s.messagesIn());
        fields.row("messages out", s.messagesOut());
        fields.row("pending out", pendingBytes(s.pendingOutboundBytes()));
        StringBuilder out = new StringBuilder(withoutHeader(fields.render()));
        out.append('\n').append("registrations (").append(registrations.size()).append(")\n");
        if (!registrations.isEmpty()) {
            out.append(registrations(registrations, false));
        }
        out.append('\n').append("subscriptions (").append(subscriptions.size()).append(")\n");
        if (!subscriptions.isEmpty()) {
            out.append(subscriptions(subscriptions, false));
        }
        return out.toString();
    }

    static String registrations(List<RegistrationInfo> registrations, boolean showRealm) {
        if (registrations.isEmpty()) {
            return "no registrations\n";
        }
        TextTable table = new TextTable().right("ID");
        if (showRealm) {
            table.left("REALM");
        }
        table.left("PROCEDURE").left("MATCH").left("INVOKE").left("CALLEES").left("CREATED");
        for (RegistrationInfo r : registrations) {
            table.row(showRealm
                    ? new Object[] {r.id(), r.realm(), r.procedure(), r.match(), r.invoke(), ids(r.callees()),
                        time(r.created())}
                    : new Object[] {r.id(), r.procedure(), r.match(), r.invoke(), ids(r.callees()),
                        time(r.created())});
        }
        return table.render();
    }

    static String subscriptions(List<SubscriptionInfo> subscriptions, boolean showRealm) {
        if (subscriptions.isEmpty()) {
            return "no subscriptions\n";
        }
        TextTable table = new TextTable().right("ID");
        if (showRealm) {
            table.left("REALM");
        }
        table.left("TOPIC").left("MATCH").right("SUBSCRIBERS").left("CREATED");
        for (SubscriptionInfo s : subscriptions) {
            table.row(showRealm
                    ? new Object[] {s.id(), s.realm(), s.topic(), s.match(), s.subscribers().size(),
                        time(s.created())}
                    : new Object[] {s.id(), s.topic(), s.match(), s.subscribers().size(), time(s.created())});
        }
        return table.render();
    }

    static String transports(List<ListenerView> listeners) {
        if (listeners.isEmpty()) {
            return "no transport listeners\n";
        }
        TextTable table = new TextTable().left("LISTENER").left("TRANSPORT").right("CONNECTIONS").left("ADDRESSES");
        for (ListenerView l : listeners) {
            table.row(l.name(), l.transport(), l.connections(), String.join(" ", l.addresses()));
        }
        return table.render();
    }

    /** Per realm: messages by type in and out, then errors by URI. */
    static String stats(List<RealmInfo> realms) {
        if (realms.isEmpty()) {
            return "no realms\n";
        }
        StringBuilder out = new StringBuilder();
        for (RealmInfo r : realms) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("realm ").append(r.name()).append(": ").append(r.messagesIn()).append(" in, ")
                    .append(r.messagesOut()).append(" out\n");
            TreeSet<String> types = new TreeSet<>(r.messagesInByType().keySet());
            types.addAll(r.messagesOutByType().keySet());
            if (types.isEmpty()) {
                out.append("no messages\n");
            } else {
                TextTable messages = new TextTable().left("MESSAGE").right("IN").right("OUT");
                for (String type : types) {
                    messages.row(type, r.messagesInByType().getOrDefault(type, 0L),
                            r.messagesOutByType().getOrDefault(type, 0L));
                }
                out.append(messages.render());
            }
            if (r.errorsByUri().isEmpty()) {
                out.append("no errors\n");
            } else {
                TextTable errors = new TextTable().left("ERROR").right("COUNT");
                new TreeMap<>(r.errorsByUri()).forEach(errors::row);
                out.append(errors.render());
            }
        }
        return out.toString();
    }

    /** A RESULT's payload, each part as JSON. */
    static String callResult(List<Object> args, Map<String, Object> kwargs) {
        if (args.isEmpty() && kwargs.isEmpty()) {
            return "result: (no arguments)\n";
        }
        StringBuilder out = new StringBuilder();
        if (!args.isEmpty()) {
            out.append("args:   ").append(JsonViews.compact(args)).append('\n');
        }
        if (!kwargs.isEmpty()) {
            out.append("kwargs: ").append(JsonViews.compact(kwargs)).append('\n');
        }
        return out.toString();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Compact, largest two units: {@code 3d 4h}, {@code 5m 12s}, {@code 42s}. */
    static String age(Instant since, Instant now) {
        if (since == null) {
            return "-";
        }
        long seconds = Math.max(0, Duration.between(since, now).getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + secs + "s" : secs + "s";
    }

    private static String pendingBytes(long bytes) {
        return bytes < 0 ? "-" : Long.toString(bytes);
    }

    private static String ids(List<Long> ids) {
        return ids.isEmpty() ? "-" : String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /** A key/value block reads better without the FIELD/VALUE header. */
    private static String withoutHeader(String table) {
        return table.substring(table.indexOf('\n') + 1);
    }
}
