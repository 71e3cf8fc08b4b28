package dev.switchboard.connector.postgresql;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.eventually;

import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.sql.SQLException;
import java.util.Map;

/**
 * The real router core (realm1), the in-process connector, a PostgreSQL connector on a test database, and a client
 * session to call and subscribe with: everything the production node wires together, minus OSGi.
 */
final class ConnectorFixture implements AutoCloseable {
    final TestRouter router = new TestRouter("realm1");
    final LocalConnector local = new LocalConnector(router.router());
    final String jdbcUrl;
    final WampSession client;
    PostgresConnector connector;

    ConnectorFixture(String jdbcUrl, Map<String, Object> settings) {
        this.jdbcUrl = jdbcUrl;
        this.client = await(local.join("realm1", null));
        this.connector = startConnector(settings);
    }

    PostgresConnector startConnector(Map<String, Object> settings) {
        try {
            PostgresConnector c = new PostgresConnector(TestConfigs.settings(jdbcUrl, settings), local).start();
            // joined, connected, and the catalog read once: what a test creates afterwards is a change
            eventually("connector joined and connected", () -> c.session() != null && c.isDatabaseConnected()
                    && c.stats().refreshes() > 0);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the connector has registered {@code procedure} (calls before that get no_such_procedure). */
    void awaitProcedure(String procedure) {
        eventually(procedure + " registered", () -> connector.catalog().byProcedure().containsKey(procedure)
                && isRegistered(procedure));
    }

    private boolean isRegistered(String procedure) {
        try {
            Object id = await(client.call("wamp.registration.lookup", java.util.List.of(procedure), null)).arg(0);
            return id != null;
        } catch (AssertionError e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (connector != null) {
            connector.close();
        }
        local.close();
        router.close();
    }
}
