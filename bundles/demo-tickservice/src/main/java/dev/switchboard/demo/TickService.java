package dev.switchboard.demo;

import dev.switchboard.client.ComponentMembership;
import dev.switchboard.client.ComponentSettings;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampConnector;
import dev.switchboard.client.WampSession;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code crossbar.demo.TickService}: while joined, publishes a counter to {@value #TOPIC} every second
 * (the first tick at once), as the Ticker frontend shows it. The counter belongs to the instance: after a
 * reconnect it goes on where it stopped, so subscribers never see it go back. Without a configuration one
 * instance joins realm1; each factory configuration of {@value #PID} makes one more.
 */
@Component(service = {}, configurationPid = TickService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TickServiceConfig.class, factory = true)
public final class TickService {
    public static final String PID = "dev.switchboard.demo.TickService";
    public static final String TOPIC = "com.myapp.topic1";
    static final long DEFAULT_INTERVAL_MS = 1000;
    static final long MIN_INTERVAL_MS = 10;
    static final long MAX_INTERVAL_MS = 86_400_000;
    static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(TickService.class);
    private static final String NAME = "TickService";

    private final String topic;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private final ComponentMembership membership;
    private long counter;                  // timer thread only
    private ScheduledFuture<?> ticking;    // guarded by this
    private WampSession tickingFor;        // guarded by this

    @Activate
    public TickService(@Reference(name = "connector") WampConnector connector, TickServiceConfig config) {
        this(connector, settings(config));
    }

    /** Logs what is wrong too: DS records a failed activation but tells nobody. */
    private static ComponentSettings settings(TickServiceConfig config) {
        try {
            ComponentSettings settings = ComponentSettings.parse(NAME, config.realm(), config.role(), config.extra(),
                    Set.of("topic", "intervalMs"));
            settings.extraString("topic", TOPIC);
            settings.extraLong("intervalMs", DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS, MAX_INTERVAL_MS);
            return settings;
        } catch (IllegalArgumentException e) {
            LOG.error("not started: {}", e.getMessage());
            throw e;
        }
    }

    TickService(WampConnector connector, ComponentSettings settings) {
        this.topic = settings.extraString("topic", TOPIC);
        this.interval = Duration.ofMillis(
                settings.extraLong("intervalMs", DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS, MAX_INTERVAL_MS));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-tickservice-" + settings.realm());
            thread.setDaemon(true);
            return thread;
        });
        this.membership = new ComponentMembership(settings, LOG, new Listener());
        membership.start(connector);
    }

    @Deactivate
    public void deactivate() {
        stopTicking(null);
        membership.stop(LEAVE_GRACE);
        timer.shutdownNow();
    }

    private synchronized void startTicking(WampSession session) {
        if (ticking != null) {
            ticking.cancel(false);
        }
        try {
            ticking = timer.scheduleAtFixedRate(() -> tick(session), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException deactivating) {
            return; // joined while deactivating: Membership leaves that session
        }
        tickingFor = session;
        LOG.info("publishing to '{}' every {} ms on realm '{}'", topic, interval.toMillis(), session.realm());
    }

    /** Stops the ticks of {@code session}'s timer, or of any session for {@code null}. */
    private synchronized void stopTicking(WampSession session) {
        if (ticking != null && (session == null || session == tickingFor)) {
            ticking.cancel(false);
            ticking = null;
            tickingFor = null;
        }
    }

    private void tick(WampSession session) {
        if (!session.isOpen()) {
            return; // lost: onDisconnect cancels this timer
        }
        long value = counter++;
        session.publish(topic, List.of(value), null).whenComplete((publication, failure) -> {
            if (failure != null && session.isOpen()) {
                LOG.warn("cannot publish to '{}': {}", topic, failure.toString());
            }
        });
    }

    private final class Listener implements SessionListener {
        @Override
        public void onJoin(WampSession session) {
            startTicking(session);
        }

        @Override
        public void onDisconnect(WampSession session, boolean willReconnect) {
            stopTicking(session);
        }
    }

    @Override
    public synchronized String toString() {
        return "TickService[" + topic + " every " + interval.toMillis() + " ms, " + (ticking == null ? "idle"
                : "ticking") + ", " + membership + "]";
    }
}
