package dev.switchboard.shell;

import dev.switchboard.api.admin.AdminCallException;
import dev.switchboard.api.admin.CallOutcome;
import dev.switchboard.api.admin.RealmInfo;
import dev.switchboard.api.admin.RegistrationInfo;
import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.admin.SessionInfo;
import dev.switchboard.api.admin.SubscriptionInfo;
import dev.switchboard.api.router.TransportListener;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.CollectionType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code wamp:*} Gogo commands. Each returns the text to print (Gogo prints a returned string) and throws an
 * exception with a plain message when it cannot do what was asked, so that a script sees a failing command. Gogo
 * matches the words after the command to these methods: options annotated with {@link Parameter} come first in
 * each signature, where Gogo puts them. Formatting lives in {@link TableViews} and {@link JsonViews}.
 */
@Component(service = WampCommands.class, property = {
    "osgi.command.scope=wamp",
    "osgi.command.function=realms", "osgi.command.function=sessions", "osgi.command.function=session",
    "osgi.command.function=registrations", "osgi.command.function=subscriptions", "osgi.command.function=kill",
    "osgi.command.function=call", "osgi.command.function=publish", "osgi.command.function=transports",
    "osgi.command.function=stats"})
public final class WampCommands {

    private static final String JSON_HELP = "print JSON instead of a table, for scripts";
    private static final String DEFAULT_TIMEOUT_SECONDS = "30";

    @Reference
    private RouterAdmin admin;

    /** The transports' listeners with their service properties, for the configured listener name. */
    @Reference(service = TransportListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            collectionType = CollectionType.TUPLE)
    private volatile List<Map.Entry<Map<String, Object>, TransportListener>> listeners = List.of();

    private Clock clock = Clock.systemUTC();

    /** For Declarative Services. */
    public WampCommands() {
    }

    /** For tests. */
    WampCommands(RouterAdmin admin, List<Map.Entry<Map<String, Object>, TransportListener>> listeners,
            Clock clock) {
        this.admin = admin;
        this.listeners = listeners;
        this.clock = clock;
    }

    @Descriptor("list the realms: sessions, registrations, subscriptions, pending calls, messages in and out")
    public String realms(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<RealmInfo> realms = admin.realms();
        return json ? JsonViews.pretty(JsonViews.realms(realms)) : TableViews.realms(realms);
    }

    @Descriptor("list the sessions of every realm: who, over what, since when, how busy")
    public String sessions(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<SessionInfo> sessions = admin.sessions(null);
        return json ? JsonViews.pretty(JsonViews.sessions(sessions)) : TableViews.sessions(sessions, true);
    }

    @Descriptor("list the sessions of one realm: who, over what, since when, how busy")
    public String sessions(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("realm name, e.g. realm1") String realm) {
        List<SessionInfo> sessions = admin.sessions(realm);
        return json ? JsonViews.pretty(JsonViews.sessions(sessions)) : TableViews.sessions(sessions, false);
    }

    @Descriptor("show one session in full, with its registrations and subscriptions")
    public String session(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("session id, as wamp:sessions shows it") String id) {
        long sessionId = CommandArguments.sessionId(id);
        SessionInfo session = admin.session(sessionId)
                .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId));
        List<RegistrationInfo> registrations = admin.registrations(session.realm()).stream()
                .filter(r -> session.registrations().contains(r.id())).toList();
        List<SubscriptionInfo> subscriptions = admin.subscriptions(session.realm()).stream()
                .filter(s -> session.subscriptions().contains(s.id())).toList();
        return json ? JsonViews.pretty(JsonViews.sessionDetail(session, registrations, subscriptions))
                : TableViews.session(session, registrations, subscriptions, clock.instant());
    }

    @Descriptor("list the registrations (procedures) of every realm")
    public String registrations(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<RegistrationInfo> registrations = admin.registrations(null);
        return json ? JsonViews.pretty(JsonViews.registrations(registrations))
                : TableViews.registrations(registrations, true);
    }

    @Descriptor("list the registrations (procedures) of one realm")
    public String registrations(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("realm name, e.g. realm1") String realm) {
        List<RegistrationInfo> registrations = admin.registrations(realm);
        return json ? JsonViews.pretty(JsonViews.registrations(registrations))
                : TableViews.registrations(registrations, false);
    }

    @Descriptor("list the subscriptions (topics) of every realm")
    public String subscriptions(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<SubscriptionInfo> subscriptions = admin.subscriptions(null);
        return json ? JsonViews.pretty(JsonViews.subscriptions(subscriptions))
                : TableViews.subscriptions(subscriptions, true);
    }

    @Descriptor("list the subscriptions (topics) of one realm")
    public String subscriptions(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("realm name, e.g. realm1") String realm) {
        List<SubscriptionInfo> subscriptions = admin.subscriptions(realm);
        return json ? JsonViews.pretty(JsonViews.subscriptions(subscriptions))
                : TableViews.subscriptions(subscriptions, false);
    }

    @Descriptor("close a session with GOODBYE wamp.close.killed")
    public String kill(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("message sent in the GOODBYE details")
            @Parameter(names = {"-m", "--message"}, absentValue = "") String message,
            @Descriptor("session id, as wamp:sessions shows it") String id) {
        return kill(json, message, id, "");
    }

    @Descriptor("close a session with GOODBYE and the given reason")
    public String kill(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("message sent in the GOODBYE details")
            @Parameter(names = {"-m", "--message"}, absentValue = "") String message,
            @Descriptor("session id, as wamp:sessions shows it") String id,
            @Descriptor("reason URI, e.g. wamp.close.killed") String reason) {
        long sessionId = CommandArguments.sessionId(id);
        String why = CommandArguments.closeReason(reason);
        if (!admin.kill(sessionId, why, message.isEmpty() ? null : message)) {
            throw new IllegalArgumentException("no session " + sessionId);
        }
        String shownReason = why == null ? "wamp.close.killed" : why;
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("killed", sessionId);
            result.put("reason", shownReason);
            return JsonViews.pretty(result);
        }
        return "killed session " + sessionId + " (" + shownReason + ")\n";
    }

    @Descriptor("call a procedure as the router's admin session; each ARG is JSON if it parses (42, true,"
            + " '[1,2]', '{\"a\":1}' - quote brackets and braces for the shell), else a string")
    public String call(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("keyword arguments as a JSON object, e.g. '{\"name\":\"x\"}'")
            @Parameter(names = {"-k", "--kwargs"}, absentValue = "") String kwargs,
            @Descriptor("seconds to wait for the result")
            @Parameter(names = {"-t", "--timeout"}, absentValue = DEFAULT_TIMEOUT_SECONDS) String timeout,
            @Descriptor("realm name, e.g. realm1") String realm,
            @Descriptor("procedure URI, e.g. com.example.add") String procedure,
            @Descriptor("positional arguments") String... args) {
        String uri = CommandArguments.uri("the procedure", procedure);
        CallOutcome outcome = await(admin.call(realm, uri, CommandArguments.payload(args),
                CommandArguments.keywordArguments(kwargs)), CommandArguments.timeoutSeconds(timeout),
                "call " + uri);
        // A RESULT without arguments comes back with null lists, not empty ones
        List<Object> resultArgs = outcome.args() == null ? List.of() : outcome.args();
        Map<String, Object> resultKwargs = outcome.kwargs() == null ? Map.of() : outcome.kwargs();
        return json ? JsonViews.pretty(JsonViews.callResult(resultArgs, resultKwargs))
                : TableViews.callResult(resultArgs, resultKwargs);
    }

    @Descriptor("publish an event as the router's admin session (acknowledged); each ARG is JSON if it parses,"
            + " else a string")
    public String publish(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("keyword arguments as a JSON object, e.g. '{\"name\":\"x\"}'")
            @Parameter(names = {"-k", "--kwargs"}, absentValue = "") String kwargs,
            @Descriptor("seconds to wait for the acknowledgement")
            @Parameter(names = {"-t", "--timeout"}, absentValue = DEFAULT_TIMEOUT_SECONDS) String timeout,
            @Descriptor("realm name, e.g. realm1") String realm,
            @Descriptor("topic URI, e.g. com.example.news") String topic,
            @Descriptor("positional arguments") String... args) {
        String uri = CommandArguments.uri("the topic", topic);
        long publication = await(admin.publish(realm, uri, CommandArguments.payload(args),
                CommandArguments.keywordArguments(kwargs)), CommandArguments.timeoutSeconds(timeout),
                "publish to " + uri);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("publication", publication);
            return JsonViews.pretty(result);
        }
        return "published to " + uri + " in " + realm + ": publication " + publication + "\n";
    }

    @Descriptor("list the transport listeners: addresses and open connections")
    public String transports(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<ListenerView> views = listeners.stream().map(e -> ListenerView.of(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(ListenerView::name)).toList();
        return json ? JsonViews.pretty(JsonViews.transports(views)) : TableViews.transports(views);
    }

    @Descriptor("message counts by type and errors by URI, per realm")
    public String stats(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json) {
        List<RealmInfo> realms = admin.realms();
        return json ? JsonViews.pretty(JsonViews.stats(realms)) : TableViews.stats(realms);
    }

    @Descriptor("message counts by type and errors by URI of one realm")
    public String stats(@Descriptor(JSON_HELP)
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("realm name, e.g. realm1") String realm) {
        List<RealmInfo> realms = admin.realms().stream().filter(r -> r.name().equals(realm)).toList();
        if (realms.isEmpty()) {
            throw new IllegalArgumentException("no realm '" + realm + "'");
        }
        return json ? JsonViews.pretty(JsonViews.stats(realms)) : TableViews.stats(realms);
    }

    /** Waits for the router's answer; a WAMP ERROR becomes an exception whose message carries the error URI. */
    private static <T> T await(CompletableFuture<T> future, int timeoutSeconds, String what) {
        try {
            return future.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AdminCallException error) {
                throw new IllegalStateException(what + " failed: " + describe(error), error);
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no answer within " + timeoutSeconds
                    + " s (it may still complete; -t sets the wait)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted");
        }
    }

    static String describe(AdminCallException error) {
        StringBuilder text = new StringBuilder(error.uri());
        if (!error.args().isEmpty()) {
            text.append(' ').append(JsonViews.compact(error.args()));
        }
        if (!error.kwargs().isEmpty()) {
            text.append(' ').append(JsonViews.compact(error.kwargs()));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "WampCommands[listeners=" + listeners.size() + "]";
    }
}
