package dev.switchboard.launcher;

import dev.switchboard.launcher.ConfigLoader.Loaded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * Watches the node directory's config.json while the node runs (polling its content, which works for every editor
 * and file system, rename-on-save included). A changed file is validated as at start; an invalid one is rejected with
 * every problem in the log and the node keeps running what it runs; a valid one goes to {@link LiveConfiguration}.
 */
final class ConfigWatcher {

    static final String POLL_PROPERTY = "switchboard.config.poll";
    /** A file seen changed is read again after this, so that one written in several steps is taken whole. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final NodeDirectory node;
    private final NodeLayout runtime;
    private final LiveConfiguration live;
    private final NodeLog log;
    private final Duration poll;
    private String seen;
    private boolean missingReported;
    private Thread thread;

    ConfigWatcher(NodeDirectory node, NodeLayout runtime, LiveConfiguration live, NodeLog log, String started) {
        this.node = node;
        this.runtime = runtime;
        this.live = live;
        this.log = log;
        this.poll = Duration.ofMillis(Long.getLong(POLL_PROPERTY, 1000));
        this.seen = started;
    }

    void start() {
        thread = new Thread(this::watch, "switchboard-config-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(poll.toMillis());
                String text = read();
                if (text == null || text.equals(seen)) {
                    continue;
                }
                Thread.sleep(SETTLE.toMillis());
                String settled = read();
                if (settled == null || !settled.equals(text)) {
                    continue; // still being written: next round
                }
                seen = text;
                changed(text);
            }
        } catch (InterruptedException e) {
            // the node stops
        }
    }

    private void changed(String text) {
        log.info("config.json changed; validating");
        Loaded loaded = ConfigLoader.check(text, node, runtime);
        loaded.problems().warnings().forEach(warning -> log.warn("config.json: " + warning));
        if (!loaded.ok()) {
            StringBuilder message = new StringBuilder("config.json change rejected, the node keeps running its"
                    + " configuration (" + loaded.problems().errorCount() + " problem"
                    + (loaded.problems().errorCount() == 1 ? "" : "s") + "):");
            loaded.problems().errors().forEach(error -> message.append("\n  ").append(error));
            log.error(message.toString());
            return;
        }
        try {
            live.apply(loaded);
        } catch (RuntimeException e) {
            log.error("config.json change could not be applied: " + e);
        }
    }

    private String read() {
        try {
            String text = Files.readString(node.config(), StandardCharsets.UTF_8);
            missingReported = false;
            return text;
        } catch (NoSuchFileException e) {
            if (!missingReported) {
                log.warn(node.config() + " is gone; the node keeps running its configuration");
                missingReported = true;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
