package dev.switchboard.demo;

import dev.switchboard.client.ComponentMembership;
import dev.switchboard.client.ComponentSettings;
import dev.switchboard.client.Procedure;
import dev.switchboard.client.Result;
import dev.switchboard.client.SessionListener;
import dev.switchboard.client.WampConnector;
import dev.switchboard.client.WampSession;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code crossbar.demo.TimeService}: registers {@value #PROCEDURE}, which returns the current time in
 * ISO 8601 UTC to the second ({@code 2014-02-25T17:45:46Z}), as the Timeservice frontend shows it. Without a
 * configuration one instance joins realm1; each factory configuration of {@value #PID} makes one more.
 */
@Component(service = {}, configurationPid = TimeService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TimeServiceConfig.class, factory = true)
public final class TimeService {
    public static final String PID = "dev.switchboard.demo.TimeService";
    public static final String PROCEDURE = "com.timeservice.now";
    /** How long deactivation waits for the router to confirm the leave, so a restart can register again. */
    static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(TimeService.class);
    private static final String NAME = "TimeService";

    private final Clock clock;
    private final String procedure;
    private final ComponentMembership membership;

    @Activate
    public TimeService(@Reference(name = "connector") WampConnector connector, TimeServiceConfig config) {
        this(connector, settings(config), Clock.systemUTC());
    }

    /** Logs what is wrong too: DS records a failed activation but tells nobody. */
    private static ComponentSettings settings(TimeServiceConfig config) {
        try {
            ComponentSettings settings = ComponentSettings.parse(NAME, config.realm(), config.role(), config.extra(),
                    Set.of("procedure"));
            settings.extraString("procedure", PROCEDURE);
            return settings;
        } catch (IllegalArgumentException e) {
            LOG.error("not started: {}", e.getMessage());
            throw e;
        }
    }

    /** Joins at once; for tests with a fixed clock. */
    TimeService(WampConnector connector, ComponentSettings settings, Clock clock) {
        this.clock = clock;
        this.procedure = settings.extraString("procedure", PROCEDURE);
        this.membership = new ComponentMembership(settings, LOG, new Listener());
        membership.start(connector);
    }

    @Deactivate
    public void deactivate() {
        membership.stop(LEAVE_GRACE);
    }

    /** The current time, ISO 8601 in UTC, whole seconds. */
    String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Registers again on every session: registrations do not survive a reconnect. */
    private final class Listener implements SessionListener {
        @Override
        public void onJoin(WampSession session) {
            session.register(procedure, Procedure.sync(invocation -> Result.of(now())))
                    .whenComplete((registration, failure) -> {
                        if (failure == null) {
                            LOG.info("registered '{}' on realm '{}'", procedure, session.realm());
                        } else if (session.isOpen()) {
                            LOG.error("cannot register '{}' on realm '{}': {}", procedure, session.realm(),
                                    failure.toString());
                        }
                    });
        }
    }

    @Override
    public String toString() {
        return "TimeService[" + procedure + ", " + membership + "]";
    }
}
