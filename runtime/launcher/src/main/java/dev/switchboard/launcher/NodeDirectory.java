package dev.switchboard.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node directory (Crossbar's {@code --cbdir}): {@code config.json}; {@code key.priv}/{@code key.pub}, the node's
 * Ed25519 key pair; {@code log/node.log}; {@code run/} with the pid and status files, the Unix sockets and the
 * configuration the node runs; {@code data/} with the framework caches; {@code deploy/} with component bundles and
 * .cfg/.config files for the router, and {@code deploy/<worker>/} for each container worker.
 */
public record NodeDirectory(Path root) {

    public NodeDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path config() {
        return root.resolve("config.json");
    }

    public boolean exists() {
        return Files.isRegularFile(config());
    }

    public Path privateKey() {
        return root.resolve("key.priv");
    }

    public Path publicKey() {
        return root.resolve("key.pub");
    }

    public Path logFile() {
        return root.resolve("log").resolve("node.log");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path deploy() {
        return root.resolve("deploy");
    }

    public Path workerDeploy(String worker) {
        return deploy().resolve(worker);
    }

    public Path workerData(String worker) {
        return data().resolve(worker);
    }

    /** The configuration the node runs: the last config.json it accepted. Container workers read this one. */
    public Path runningConfig() {
        return run().resolve("config.running.json");
    }

    /** Shown in messages relative to the node directory. */
    public String relative(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
