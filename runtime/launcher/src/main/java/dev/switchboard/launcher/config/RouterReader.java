package dev.switchboard.launcher.config;

import com.google.gson.JsonElement;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import dev.switchboard.launcher.config.NodeConfig.ConnectorSpec;
import dev.switchboard.launcher.config.NodeConfig.RealmSpec;
import dev.switchboard.launcher.config.NodeConfig.RouterWorker;
import dev.switchboard.launcher.config.NodeConfig.TransportSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** A worker of type {@code router}: realms first, since transports' auth, components and connectors name them. */
final class RouterReader {

    private final Path nodeDirectory;
    private final Problems problems;
    private final UnaryOperator<String> environment;

    /** @param environment the node's environment, for connectors' {@code password_env} */
    RouterReader(Path nodeDirectory, Problems problems, UnaryOperator<String> environment) {
        this.nodeDirectory = nodeDirectory;
        this.problems = problems;
        this.environment = environment;
    }

    RouterWorker read(Obj worker, String id) {
        worker.check(Keys.of("type", "id", "options", "realms", "transports", "components", "connectors")
                .unsupported("connections", "Crossbar's database connections of the router worker; Switchboard's"
                        + " database connectors are the router worker's \"connectors\" (type \"postgresql\")")
                .unsupported("manhole", "the manhole (SSH into the worker)"));
        Obj options = worker.object("options", false);
        if (options != null) {
            options.check(NodeConfigReader.workerOptionKeys("title")
                    .unsupported("env", "an environment for the router worker: it runs in the node's JVM, so"
                            + " set the environment of 'switchboard start'"));
            options.string("title", false);
        }
        List<RealmSpec> realms = realms(worker);
        Set<String> realmNames = new HashSet<>();
        realms.forEach(realm -> realmNames.add(realm.name()));
        List<TransportSpec> transports = transports(worker, realmNames);
        List<ComponentSpec> components = new ArrayList<>();
        Set<String> componentIds = new HashSet<>();
        List<Obj> entries = worker.objects("components", false);
        for (int i = 0; i < entries.size(); i++) {
            ComponentSpec component = ComponentReader.component(entries.get(i), i, false, problems);
            if (component == null) {
                continue;
            }
            if (!componentIds.add(component.id())) {
                problems.error(entries.get(i).at("id"), "duplicate component id \"" + component.id() + "\"");
            }
            if (component.realm() != null && !realmNames.contains(component.realm())) {
                problems.error(entries.get(i).at("realm"), unknownRealm(component.realm(), realmNames));
            }
            components.add(component);
        }
        return new RouterWorker(id, realms, transports, components, connectors(worker, realms, realmNames));
    }

    /** Connectors: unique ids, realms of this router, and a warning for a role the realm does not know. */
    private List<ConnectorSpec> connectors(Obj worker, List<RealmSpec> realms, Set<String> realmNames) {
        List<ConnectorSpec> connectors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ConnectorReader reader = new ConnectorReader(problems, environment);
        for (Obj entry : worker.objects("connectors", false)) {
            ConnectorSpec connector = reader.read(entry);
            if (connector == null) {
                continue;
            }
            if (!ids.add(connector.type() + "~" + connector.id())) {
                problems.error(entry.at("id"), "duplicate " + connector.type() + " connector id \"" + connector.id()
                        + "\"");
                continue;
            }
            if (!realmNames.contains(connector.realm())) {
                problems.error(entry.at("realm"), unknownRealm(connector.realm(), realmNames));
                continue;
            }
            realms.stream().filter(realm -> realm.name().equals(connector.realm())).findFirst()
                    .ifPresent(realm -> checkRole(entry, connector, realm));
            connectors.add(connector);
        }
        return connectors;
    }

    /**
     * In-process sessions join with the role they ask for; with roles configured, a role the realm does not have
     * may do nothing (the router's own role {@code trusted} is never authorized).
     */
    private void checkRole(Obj entry, ConnectorSpec connector, RealmSpec realm) {
        Object roles = realm.properties().get("roles");
        String role = connector.authrole();
        if (role == null || role.equals("trusted") || !(roles instanceof String json)) {
            return;
        }
        Set<String> names = new TreeSet<>();
        for (JsonElement element : JsonSource.parse(json).getAsJsonArray()) {
            JsonElement name = element.isJsonObject() ? element.getAsJsonObject().get("name") : null;
            if (name != null && Obj.isString(name)) {
                names.add(name.getAsString());
            }
        }
        if (!names.contains(role)) {
            problems.warn(entry.at("authrole"), "realm " + realm.name() + " has no role \"" + role + "\" (its"
                    + " roles: " + (names.isEmpty() ? "none" : String.join(", ", names)) + "): the connector's"
                    + " session may not register, publish or subscribe");
        }
    }

    private List<RealmSpec> realms(Obj worker) {
        List<RealmSpec> realms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Obj entry : worker.objects("realms", false)) {
            RealmSpec realm = RealmReader.read(entry, problems);
            if (realm == null) {
                continue;
            }
            if (!names.add(realm.name())) {
                problems.error(entry.at("name"), "duplicate realm \"" + realm.name() + "\"");
            } else {
                realms.add(realm);
            }
        }
        return realms;
    }

    private List<TransportSpec> transports(Obj worker, Set<String> realms) {
        List<TransportSpec> transports = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Obj> entries = worker.objects("transports", false);
        TransportReader reader = new TransportReader(nodeDirectory, realms, problems);
        for (int i = 0; i < entries.size(); i++) {
            TransportSpec transport = reader.read(entries.get(i), "transport" + (i + 1));
            if (transport == null) {
                continue;
            }
            if (!ids.add(transport.id())) {
                problems.error(entries.get(i).at("id"), "duplicate transport id \"" + transport.id() + "\"");
            } else {
                transports.add(transport);
            }
        }
        return transports;
    }

    static String unknownRealm(String realm, Set<String> known) {
        return "unknown realm \"" + realm + "\" (this router's realms: "
                + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))) + ")";
    }
}
