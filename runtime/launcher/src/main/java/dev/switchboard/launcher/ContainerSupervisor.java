package dev.switchboard.launcher;

import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfig.Environment;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The node's container workers: one {@link ContainerProcess} per worker of config.json, each a JVM running
 * {@code Main container --cbdir DIR --worker ID --config run/config.running.json} with the node's class path and
 * Java. A configuration change starts new workers, stops removed ones and restarts changed ones.
 */
final class ContainerSupervisor {

    /** System properties a container inherits from the node; the node's log format is not among them. */
    private static final List<String> INHERITED_PREFIXES = List.of("switchboard.", "org.slf4j.simpleLogger.log.",
            "org.slf4j.simpleLogger.defaultLogLevel");
    private static final List<String> NOT_INHERITED = List.of(NodeLayout.HOME_PROPERTY, Arguments.CWD_PROPERTY);

    private final NodeLayout runtime;
    private final NodeDirectory node;
    private final NodeLog log;
    private final NodeStatus status;
    private final Map<String, ContainerProcess> processes = new LinkedHashMap<>();
    private final Map<String, ContainerWorker> workers = new LinkedHashMap<>();
    private boolean stopped;

    ContainerSupervisor(NodeLayout runtime, NodeDirectory node, NodeLog log, NodeStatus status) {
        this.runtime = runtime;
        this.node = node;
        this.log = log;
        this.status = status;
    }

    /** Brings the running workers in line with {@code wanted}. */
    synchronized void reconcile(List<ContainerWorker> wanted) {
        if (stopped) {
            return;
        }
        Map<String, ContainerWorker> next = new LinkedHashMap<>();
        wanted.forEach(worker -> next.put(worker.id(), worker));
        for (String id : new ArrayList<>(workers.keySet())) {
            ContainerWorker now = next.get(id);
            if (now == null || !now.source().equals(workers.get(id).source())) {
                log.info("container " + id + (now == null ? " removed from config.json" : " changed in config.json"));
                processes.remove(id).stop();
                workers.remove(id);
                status.removeContainer(id);
            }
        }
        for (ContainerWorker worker : next.values()) {
            if (!workers.containsKey(worker.id())) {
                ContainerProcess process = new ContainerProcess(worker.id(), builder(worker), log, status);
                workers.put(worker.id(), worker);
                processes.put(worker.id(), process);
                process.start();
            }
        }
    }

    /** Stops every worker at once (in parallel), each bounded; for the node's shutdown. */
    void stopAll() {
        List<ContainerProcess> running;
        synchronized (this) {
            stopped = true;
            running = new ArrayList<>(processes.values());
            processes.clear();
            workers.clear();
        }
        List<Thread> stopping = new ArrayList<>();
        for (ContainerProcess process : running) {
            Thread thread = new Thread(process::stop, "switchboard-container-stop");
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join(ContainerProcess.STOP_TIMEOUT.toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        processes.forEach((id, process) -> pids.put(id, process.pid()));
        return pids;
    }

    private ProcessBuilder builder(ContainerWorker worker) {
        ProcessBuilder builder = new ProcessBuilder(command(worker.id()));
        builder.directory(runtime.home().toFile());
        builder.redirectErrorStream(true);
        environment(builder.environment(), worker.environment());
        return builder;
    }

    List<String> command(String worker) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // as bin/switchboard does, see there
        }
        command.add("-D" + NodeLayout.HOME_PROPERTY + "=" + runtime.home());
        Properties properties = System.getProperties();
        for (String key : properties.stringPropertyNames()) {
            if (INHERITED_PREFIXES.stream().anyMatch(key::startsWith) && !NOT_INHERITED.contains(key)) {
                command.add("-D" + key + "=" + properties.getProperty(key));
            }
        }
        command.add("-cp");
        command.add(classPath());
        command.add(RunFiles.MAIN_CLASS);
        command.addAll(List.of("container", "--cbdir", node.root().toString(), "--worker", worker,
                "--config", node.runningConfig().toString()));
        return command;
    }

    /** The node's class path, absolute (lib/* was expanded by java relative to the runtime directory). */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void environment(Map<String, String> environment, Environment settings) {
        if (!settings.inheritAll()) {
            Map<String, String> kept = new LinkedHashMap<>();
            settings.inherit().forEach(name -> {
                if (System.getenv(name) != null) {
                    kept.put(name, System.getenv(name));
                }
            });
            environment.clear();
            environment.putAll(kept);
        }
        environment.putAll(settings.vars());
    }
}
