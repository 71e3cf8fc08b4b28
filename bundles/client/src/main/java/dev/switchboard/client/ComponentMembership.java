package dev.switchboard.client;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * A component's membership in its realm, from activation to deactivation: joins, hands every session to the
 * component (a reconnecting connector calls {@code onJoin} again with a new session), and leaves at the end, also
 * when the join completes only after the component was deactivated. Components create one in their activation:
 * <pre>
 * membership = new ComponentMembership(settings, LOG, listener);
 * membership.start(connector);        // in @Activate
 * membership.stop(Duration.ofSeconds(2)); // in @Deactivate
 * </pre>
 */
public final class ComponentMembership implements SessionListener {
    private final Logger log;
    private final ComponentSettings settings;
    private final SessionListener component;
    private final Object lock = new Object();
    private boolean stopped;       // guarded by lock
    private WampSession current;   // guarded by lock

    /** @param log the component's logger, so that its lines carry its name */
    public ComponentMembership(ComponentSettings settings, Logger log, SessionListener component) {
        this.log = log;
        this.settings = settings;
        this.component = component;
    }

    /** Starts joining; returns at once. Failures are logged: a component has nobody else to tell. */
    public void start(WampConnector connector) {
        connector.join(settings.realm(), this, settings.joinOptions()).whenComplete((session, failure) -> {
            if (failure != null && !isStopped()) {
                log.error("cannot join realm '{}': {}", settings.realm(), failure.toString());
            }
        });
    }

    /** Leaves the current session (which ends a reconnecting join), waiting up to {@code grace} for GOODBYE. */
    public void stop(Duration grace) {
        WampSession session;
        synchronized (lock) {
            stopped = true;
            session = current;
            current = null;
        }
        if (session == null) {
            return;
        }
        try {
            session.leave().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("left realm '{}' without the router's GOODBYE: {}", settings.realm(), e.toString());
        }
        log.info("left realm '{}' (session {})", settings.realm(), session.id());
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    @Override
    public void onJoin(WampSession session) {
        boolean late;
        synchronized (lock) {
            late = stopped;
            if (!late) {
                current = session;
            }
        }
        if (late) {
            session.leave(); // deactivated while joining: end the join
            return;
        }
        log.info("joined realm '{}' as session {} (authrole '{}')", settings.realm(), session.id(),
                session.authrole());
        component.onJoin(session);
    }

    @Override
    public void onLeave(WampSession session, String reason) {
        if (!isStopped()) {
            log.info("session {} on realm '{}' closed: {}", session.id(), settings.realm(), reason);
        }
        component.onLeave(session, reason);
    }

    @Override
    public void onDisconnect(WampSession session, boolean willReconnect) {
        synchronized (lock) {
            if (current == session) {
                current = null;
            }
        }
        if (willReconnect) {
            log.info("lost session {} on realm '{}': rejoining", session.id(), settings.realm());
        }
        component.onDisconnect(session, willReconnect);
    }

    @Override
    public void onJoinFailed(Throwable cause, boolean willRetry) {
        if (willRetry) {
            log.info("cannot join realm '{}' yet (will retry): {}", settings.realm(), cause.toString());
        }
        component.onJoinFailed(cause, willRetry);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ComponentMembership[" + settings.owner() + ", realm " + settings.realm() + ", "
                    + (stopped ? "stopped" : current == null ? "not joined" : "session " + current.id()) + "]";
        }
    }
}
