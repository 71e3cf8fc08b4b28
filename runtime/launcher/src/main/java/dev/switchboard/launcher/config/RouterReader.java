package dev.switchboard.launcher.config;

import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import dev.switchboard.launcher.config.NodeConfig.RealmSpec;
import dev.switchboard.launcher.config.NodeConfig.RouterWorker;
import dev.switchboard.launcher.config.NodeConfig.TransportSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A worker of type {@code router}: realms first, since transports' auth and components name them. */
final class RouterReader {

    private final Path nodeDirectory;
    private final Problems problems;

    RouterReader(Path nodeDirectory, Problems problems) {
        this.nodeDirectory = nodeDirectory;
        this.problems = problems;
    }

    RouterWorker read(Obj worker, String id) {
        worker.check(Keys.of("type", "id", "options", "realms", "transports", "components")
                .unsupported("connections", "database connections of the router worker")
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
        return new RouterWorker(id, realms, transports, components);
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
                + (known.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(known))) + ")";
    }
}
