package dev.switchboard.launcher.config;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated config.json: at most one router worker (it runs in the node's JVM) and any number of container
 * workers (one JVM each). Paths in it are absolute, resolved against the node directory.
 *
 * @param controllerId {@code controller.id}, or {@code null}
 * @param router       the router worker, or {@code null} when the node only runs containers
 */
public record NodeConfig(String controllerId, RouterWorker router, List<ContainerWorker> containers) {

    public NodeConfig {
        containers = List.copyOf(containers);
    }

    public Optional<ContainerWorker> container(String id) {
        return containers.stream().filter(worker -> worker.id().equals(id)).findFirst();
    }

    /** A router worker: realms, listeners, components and database connectors embedded in the router's JVM. */
    public record RouterWorker(String id, List<RealmSpec> realms, List<TransportSpec> transports,
            List<ComponentSpec> components, List<ConnectorSpec> connectors) {

        public RouterWorker {
            realms = List.copyOf(realms);
            transports = List.copyOf(transports);
            components = List.copyOf(components);
            connectors = List.copyOf(connectors);
        }

        public RouterWorker(String id, List<RealmSpec> realms, List<TransportSpec> transports,
                List<ComponentSpec> components) {
            this(id, realms, transports, components, List.of());
        }
    }

    /**
     * A realm as the properties of its {@code dev.switchboard.realm} configuration.
     */
    public record RealmSpec(String name, Map<String, Object> properties) {
    }

    /**
     * A listener as the properties of its {@code dev.switchboard.transport.*} configuration, with its
     * authentication policy.
     *
     * @param kind        Crossbar's transport type: websocket, rawsocket or web
     * @param factoryPid  {@code dev.switchboard.transport.websocket} or {@code .rawsocket}
     * @param authMethods Crossbar's {@code auth} dict as JSON, {@code null} for anonymous only
     * @param host        the TCP interface, {@code null} for a Unix socket endpoint
     * @param port        the TCP port, {@code null} for a Unix socket endpoint
     * @param unixSocket  absolute socket path, {@code null} for a TCP endpoint
     * @param path        where it is in config.json, for messages
     */
    public record TransportSpec(String id, String kind, String factoryPid, Map<String, Object> properties,
            String authMethods, String host, Integer port, Path unixSocket, String path) {
    }

    /**
     * An application component: a factory configuration of the DS component whose configuration PID is
     * {@code classname}.
     *
     * @param extra {@code extra} as JSON, {@code null} when not given
     * @param role  {@code null} when not given
     * @param path  where it is in config.json, for messages
     */
    public record ComponentSpec(String id, String classname, String realm, String role, String extra, String path) {
    }

    /**
     * A database connector of the router worker ({@code connectors}): the properties of its factory configuration
     * {@code <factoryPid>~<id>}, named as the connector names them.
     *
     * @param type       {@code postgresql}
     * @param factoryPid {@code dev.switchboard.connector.postgresql}
     * @param authrole   {@code null} when not given
     * @param path       where it is in config.json, for messages
     */
    public record ConnectorSpec(String type, String id, String factoryPid, String realm, String authrole,
            Map<String, Object> properties, String path) {

        public ConnectorSpec {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    /**
     * A container worker: its own JVM with the given components, joined to a router through one transport.
     *
     * @param source the worker's JSON, to tell whether an edit changed it
     */
    public record ContainerWorker(String id, List<ComponentSpec> components, ClientTransport transport,
            Environment environment, String path, JsonObject source) {

        public ContainerWorker {
            components = List.copyOf(components);
        }
    }

    /**
     * Where a container's components connect to: a RawSocket listener.
     *
     * @param url                  {@code rawsocket://host:port} or {@code rawsocket+unix:///absolute/path}
     * @param connectTimeoutMillis {@code null} for the connector's default
     */
    public record ClientTransport(String url, String serializer, Long connectTimeoutMillis, String host,
            Integer port, Path unixSocket) {
    }

    /**
     * A container's environment (Crossbar's worker {@code options.env}).
     *
     * @param inheritAll whether the node's whole environment is passed on
     * @param inherit    the variables passed on when not all are
     * @param vars       set in addition
     */
    public record Environment(boolean inheritAll, List<String> inherit, Map<String, String> vars) {

        public static final Environment INHERIT = new Environment(true, List.of(), Map.of());

        public Environment {
            inherit = List.copyOf(inherit);
            vars = Map.copyOf(vars);
        }
    }
}
