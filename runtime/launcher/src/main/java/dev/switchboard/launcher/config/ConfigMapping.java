package dev.switchboard.launcher.config;

import dev.switchboard.launcher.Feature.FeatureConfiguration;
import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import dev.switchboard.launcher.config.NodeConfig.ConnectorSpec;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfig.RealmSpec;
import dev.switchboard.launcher.config.NodeConfig.RouterWorker;
import dev.switchboard.launcher.config.NodeConfig.TransportSpec;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * config.json as Configuration Admin configurations, nothing else: each one could as well be a
 * {@code factoryPid-name.cfg} file in deploy/. Named factory configurations ({@code factoryPid~name}), so that an edit
 * of config.json updates the same configuration instead of adding one.
 *
 * <table>
 * <caption>What becomes what</caption>
 * <tr><td>realm</td><td>{@code dev.switchboard.realm~<name>}</td></tr>
 * <tr><td>transport (websocket, web)</td><td>{@code dev.switchboard.transport.websocket~<id>}</td></tr>
 * <tr><td>transport (rawsocket)</td><td>{@code dev.switchboard.transport.rawsocket~<id>}</td></tr>
 * <tr><td>transport auth</td><td>{@code dev.switchboard.auth~<transport id>}</td></tr>
 * <tr><td>component</td><td>{@code <classname>~<component id>} (realm, role, extra)</td></tr>
 * <tr><td>connector (postgresql)</td><td>{@code dev.switchboard.connector.postgresql~<id>} (snake_case keys in
 * camelCase; procedures, subscriptions and errors as JSON text)</td></tr>
 * <tr><td>container transport</td><td>{@code dev.switchboard.client.remote~<worker id>}, in the container</td></tr>
 * </table>
 */
public final class ConfigMapping {

    /** How the configurations name their source in messages, where features name their file. */
    public static final String SOURCE = "config.json";
    public static final String REALM_PID = "dev.switchboard.realm";
    public static final String AUTH_PID = "dev.switchboard.auth";
    public static final String REMOTE_CONNECTOR_PID = "dev.switchboard.client.remote";
    public static final String POSTGRESQL_CONNECTOR_PID = ConnectorReader.POSTGRESQL_PID;

    /**
     * The factory PIDs config.json takes over in a node started with a node directory: the features' own realm,
     * transport, auth and connector configurations (the default node's realm1 and listeners) are not applied then.
     */
    public static final Set<String> OWNED_FACTORY_PIDS = Set.of(REALM_PID, AUTH_PID, TransportReader.WEBSOCKET_PID,
            TransportReader.RAWSOCKET_PID, POSTGRESQL_CONNECTOR_PID);

    private ConfigMapping() {
    }

    public static List<PlannedConfiguration> router(RouterWorker router) {
        List<PlannedConfiguration> configurations = new ArrayList<>();
        if (router == null) {
            return configurations;
        }
        for (RealmSpec realm : router.realms()) {
            configurations.add(factory(REALM_PID, realm.name(), realm.properties()));
        }
        for (TransportSpec transport : router.transports()) {
            if (transport.authMethods() != null) {
                configurations.add(factory(AUTH_PID, transport.id(),
                        Map.of("name", transport.id(), "methods", transport.authMethods())));
            }
            configurations.add(factory(transport.factoryPid(), transport.id(), transport.properties()));
        }
        router.components().forEach(component -> configurations.add(component(component)));
        router.connectors().forEach(connector -> configurations.add(connector(connector)));
        return configurations;
    }

    /** The factory configuration of a connector, as a {@code factoryPid-id.cfg} file in deploy/ would give it. */
    public static PlannedConfiguration connector(ConnectorSpec connector) {
        return factory(connector.factoryPid(), connector.id(), connector.properties());
    }

    public static List<PlannedConfiguration> container(ContainerWorker worker) {
        List<PlannedConfiguration> configurations = new ArrayList<>();
        if (worker.transport() != null) {
            Map<String, Object> connector = new LinkedHashMap<>();
            connector.put("name", worker.id());
            connector.put("transport", "rawsocket");
            connector.put("url", worker.transport().url());
            connector.put("serializer", worker.transport().serializer());
            if (worker.transport().connectTimeoutMillis() != null) {
                connector.put("connectTimeoutMillis", worker.transport().connectTimeoutMillis().intValue());
            }
            configurations.add(factory(REMOTE_CONNECTOR_PID, worker.id(), connector));
        }
        worker.components().forEach(component -> configurations.add(component(component)));
        return configurations;
    }

    /** The factory configuration of a component: the DS component's configuration PID is its class name. */
    public static PlannedConfiguration component(ComponentSpec component) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("realm", component.realm());
        if (component.role() != null) {
            properties.put("role", component.role());
        }
        if (component.extra() != null) {
            properties.put("extra", component.extra());
        }
        return factory(component.classname(), component.id(), properties);
    }

    public static PlannedConfiguration factory(String factoryPid, String name, Map<String, Object> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>();
        properties.forEach((key, value) -> {
            if (value != null) {
                dictionary.put(key, value);
            }
        });
        FeatureConfiguration configuration = new FeatureConfiguration(factoryPid + "~" + name, factoryPid, name,
                properties);
        return new PlannedConfiguration(configuration, dictionary, SOURCE);
    }
}
