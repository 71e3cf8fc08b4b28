package dev.switchboard.launcher.config;

import dev.switchboard.launcher.config.NodeConfig.ClientTransport;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfig.RealmSpec;
import dev.switchboard.launcher.config.NodeConfig.RouterWorker;
import dev.switchboard.launcher.config.NodeConfig.TransportSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks across workers: two listeners on one port or socket, and container transports against the router's
 * listeners (a container pointed at this node's WebSocket port, or at a realm this router does not have).
 */
final class CrossChecks {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "");
    private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "::1", "0.0.0.0", "::");

    private CrossChecks() {
    }

    static void check(RouterWorker router, List<ContainerWorker> containers, Problems problems) {
        List<TransportSpec> transports = router == null ? List.of() : router.transports();
        listeners(transports, problems);
        Set<String> realms = router == null ? Set.of()
                : router.realms().stream().map(RealmSpec::name).collect(Collectors.toSet());
        for (ContainerWorker container : containers) {
            if (container.transport() != null) {
                target(container, transports, realms, problems);
            }
        }
    }

    private static void listeners(List<TransportSpec> transports, Problems problems) {
        Map<Integer, TransportSpec> ports = new HashMap<>();
        Map<Path, TransportSpec> sockets = new HashMap<>();
        for (TransportSpec transport : transports) {
            if (transport.unixSocket() != null) {
                TransportSpec other = sockets.putIfAbsent(transport.unixSocket(), transport);
                if (other != null) {
                    problems.error(transport.path() + ".endpoint.path", "socket " + transport.unixSocket()
                            + " is also used by " + other.path());
                }
                continue;
            }
            TransportSpec other = ports.get(transport.port());
            if (other != null && clash(other.host(), transport.host())) {
                problems.error(transport.path() + ".endpoint.port", "port " + transport.port() + " is also used by "
                        + other.path());
            } else {
                ports.putIfAbsent(transport.port(), transport);
            }
        }
    }

    private static boolean clash(String one, String other) {
        return one.equals(other) || WILDCARDS.contains(one) || WILDCARDS.contains(other);
    }

    /** When the container connects to this node's router, its listener must be RawSocket and the realms exist. */
    private static void target(ContainerWorker container, List<TransportSpec> transports, Set<String> realms,
            Problems problems) {
        ClientTransport client = container.transport();
        TransportSpec listener = transports.stream().filter(transport -> connectsTo(client, transport)).findFirst()
                .orElse(null);
        String at = container.components().isEmpty() ? container.path()
                : container.components().get(0).path() + ".transport.endpoint";
        if (listener == null) {
            problems.warn(at, "no transport of this node's router listens on " + client.url()
                    + "; the container expects another router there");
            return;
        }
        if (!listener.kind().equals("rawsocket")) {
            problems.error(at, client.url() + " is the " + listener.kind() + " transport " + listener.path()
                    + "; a container connects to a rawsocket transport");
            return;
        }
        for (ComponentSpec component : container.components()) {
            if (!realms.contains(component.realm())) {
                problems.error(component.path() + ".realm", RouterReader.unknownRealm(component.realm(),
                        new TreeSet<>(realms)));
            }
        }
    }

    private static boolean connectsTo(ClientTransport client, TransportSpec listener) {
        if (client.unixSocket() != null) {
            return client.unixSocket().equals(listener.unixSocket());
        }
        return listener.port() != null && listener.port().equals(client.port())
                && (LOCAL.contains(client.host()) || client.host().equals(listener.host()));
    }
}
