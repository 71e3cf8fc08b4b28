package dev.switchboard.connector.postgresql;

import dev.switchboard.client.Procedure;
import dev.switchboard.client.Registration;
import dev.switchboard.client.WampSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the session's registrations in step with the catalog: one registration per procedure URI (all overloads
 * behind it), registered when it appears, unregistered when it goes. A function that changes under the same URI
 * needs nothing: the handler looks its overloads up at each call. Confined to the connector's control actor:
 * every method runs there, and completions of the router's answers are handed back to it.
 */
final class ProcedureRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(ProcedureRegistrations.class);

    private final String connectorId;
    private final Executor actor;
    private final Function<String, Procedure> handlerFor;
    private WampSession session;
    private Set<String> desired = Set.of();
    private final Map<String, Registration> registered = new HashMap<>();
    private final Set<String> pending = new HashSet<>();

    /** What one sync changed, for the refresh procedure's answer. */
    record Changes(List<String> added, List<String> removed) {}

    ProcedureRegistrations(String connectorId, Executor actor, Function<String, Procedure> handlerFor) {
        this.connectorId = connectorId;
        this.actor = actor;
        this.handlerFor = handlerFor;
    }

    /** A new session: nothing is registered on it yet. */
    void sessionJoined(WampSession newSession) {
        session = newSession;
        registered.clear();
        pending.clear();
        sync(desired);
    }

    /** The session is gone, and its registrations with it. */
    void sessionGone(WampSession gone) {
        if (session == gone) {
            session = null;
            registered.clear();
            pending.clear();
        }
    }

    /** Registers what is new in {@code procedures} and unregisters what is gone. */
    Changes sync(Set<String> procedures) {
        Set<String> previous = desired;
        desired = Set.copyOf(procedures);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String uri : previous) {
            if (!desired.contains(uri)) {
                removed.add(uri);
            }
        }
        for (String uri : desired) {
            if (!previous.contains(uri)) {
                added.add(uri);
            }
        }
        java.util.Collections.sort(added);
        java.util.Collections.sort(removed);
        if (session == null || !session.isOpen()) {
            return new Changes(added, removed);
        }
        for (String uri : List.copyOf(registered.keySet())) {
            if (!desired.contains(uri)) {
                Registration r = registered.remove(uri);
                r.unregister().whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.debug("{}: unregister {} failed: {}", connectorId, uri, error.getMessage());
                    }
                });
                LOG.debug("{}: unregistered {} (function dropped)", connectorId, uri);
            }
        }
        for (String uri : desired) {
            if (!registered.containsKey(uri) && pending.add(uri)) {
                register(session, uri);
            }
        }
        return new Changes(added, removed);
    }

    private void register(WampSession s, String uri) {
        s.register(uri, handlerFor.apply(uri)).whenComplete((registration, error) -> actor.execute(() -> {
            pending.remove(uri);
            if (error != null) {
                LOG.warn("{}: cannot register {}: {}", connectorId, uri, error.getMessage());
            } else if (s != session || !desired.contains(uri)) {
                registration.unregister(); // dropped or session replaced while the router answered
            } else {
                registered.put(uri, registration);
            }
        }));
    }

    int registeredCount() {
        return registered.size();
    }

    @Override
    public String toString() {
        return "ProcedureRegistrations[" + connectorId + ", registered=" + registered.size() + ", pending="
                + pending.size() + ", desired=" + desired.size() + "]";
    }
}
