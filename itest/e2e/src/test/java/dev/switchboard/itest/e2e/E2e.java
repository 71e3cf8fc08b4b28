package dev.switchboard.itest.e2e;

import java.nio.file.Path;

/** Where things are, from the system properties the pom's Failsafe configuration sets. */
final class E2e {
    static final String REALM = "realm1";

    private E2e() {
    }

    /** The assembled node: {@code runtime/} with bin/, lib/, system/, features/, deploy/. */
    static Path runtimeDir() {
        return path("switchboard.e2e.runtime", "../../runtime");
    }

    /** Scratch space of the nodes (framework cache, sockets, private deploy directories): {@code target/e2e}. */
    static Path workDir() {
        return path("switchboard.e2e.work", "target/e2e");
    }

    /** Where the nodes' and scripts' output goes: {@code target/node-<name>.log}, {@code target/js-<script>-<n>.log}. */
    static Path logDir() {
        return path("switchboard.e2e.logs", "target");
    }

    /** The AutobahnJS scripts and their node_modules. */
    static Path jsDir() {
        return path("switchboard.e2e.js", "js");
    }

    static String nodeExecutable() {
        return System.getProperty("switchboard.e2e.node", "node");
    }

    /** The autobahn-python scenarios. */
    static Path pyDir() {
        return path("switchboard.e2e.py", "py");
    }

    /** Debian's python3, which has python3-autobahn (a pyenv python on PATH does not). */
    static String pythonExecutable() {
        return System.getProperty("switchboard.e2e.python", "/usr/bin/python3");
    }

    /** The probe bundle jar that the build copied to target/probe. */
    static Path probeBundle() {
        return path("switchboard.e2e.probe", "target/probe/switchboard-itest-probe.jar");
    }

    /** org.osgi.service.log 1.3.0, the API bundle, copied to target/probe by the build. */
    static Path logApiBundle() {
        return path("switchboard.e2e.logapi", "target/probe/org.osgi.service.log.jar");
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
