package dev.switchboard.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The jawampa 0.5 router in a process of its own (it needs Jackson 2.4 and msgpack 0.7, which cannot share our
 * class path), started from {@code benchmarks/jawampa-peer/target/jawampa-peer.jar}. It exits when its standard
 * input closes, so it never outlives this generator; {@link #close} also ends it by its pid.
 */
final class JawampaPeer implements AutoCloseable {
    private final Process process;
    final String url;

    private JawampaPeer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** @param java the {@code java} command to run it with, {@code null} for this generator's own */
    static JawampaPeer start(Path jar, int port, String java, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: mvn -B -q -f benchmarks/jawampa-peer/pom.xml package");
        }
        List<String> command = new ArrayList<>();
        command.add(java != null && !java.isBlank() ? java
                : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add(Integer.toString(port));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        return line;
                    }
                }
            } catch (IOException e) {
                // falls through
            }
            return null;
        });
        try {
            String line = ready.get(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("jawampa exited before listening (port " + port + " taken?)");
            }
            System.err.println("loadgen: " + line);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("jawampa did not start: " + e, e);
        }
        // keep draining its output so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // gone
            }
        }, "jawampa-output");
        drain.setDaemon(true);
        drain.start();
        JawampaPeer peer = new JawampaPeer(p, "ws://127.0.0.1:" + port + "/ws");
        Runtime.getRuntime().addShutdownHook(new Thread(peer::close));
        return peer;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
