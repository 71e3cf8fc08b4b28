package dev.switchboard.connector.postgresql;

import dev.switchboard.client.WampConnector;
import java.sql.SQLException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL connector per factory configuration of {@value #PID}. It joins through the in-process
 * {@link WampConnector} (static reference: when the router and with it the local connector go, the connector stops
 * and starts again with them). A configuration change restarts it. Nothing is registered as a service.
 */
@Component(service = {}, configurationPid = PostgresConnectorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PostgresConnectorConfig.class, factory = true)
public final class PostgresConnectorComponent {
    static final String PID = "dev.switchboard.connector.postgresql";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresConnectorComponent.class);

    private final PostgresConnector connector;

    /** Validates the configuration (a bad value fails activation with a message naming it) and starts. */
    @Activate
    public PostgresConnectorComponent(
            @Reference(target = "(" + WampConnector.CONNECTOR_PROPERTY + "=local)") WampConnector wamp,
            PostgresConnectorConfig config) throws SQLException {
        ConnectorSettings settings;
        try {
            settings = ConnectorSettings.from(config, System::getenv);
        } catch (IllegalArgumentException e) {
            // SCR reports activation failures to the OSGi log only; operators read the node's log
            LOG.error("{} (the connector does not start)", e.getMessage());
            throw e;
        }
        this.connector = new PostgresConnector(settings, wamp).start();
    }

    @Deactivate
    void deactivate() {
        connector.close();
    }

    @Override
    public String toString() {
        return "PostgresConnectorComponent[" + connector + "]";
    }
}
