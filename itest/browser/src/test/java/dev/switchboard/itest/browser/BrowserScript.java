package dev.switchboard.itest.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A script of {@code js/} run with Node.js against Debian's Chromium, bounded: it and the browser it started are
 * killed if it overruns. Its output goes to {@code js-<script>.log} in the logs directory.
 */
record BrowserScript(int exitCode, List<String> output, Path log) {

    static BrowserScript run(Path jsDirectory, Path logs, Duration timeout, String script, String... args)
            throws IOException, InterruptedException {
        Path log = logs.resolve("js-" + script.replace(".js", "") + ".log");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of(System.getProperty("switchboard.browser.node", "node"), script), Stream.of(args)).toList())
                .directory(jsDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHROMIUM", chromium().toString());
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(script + " did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
            return new BrowserScript(process.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8), log);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // Chromium, if the script left it
            process.destroyForcibly();
        }
    }

    static Path chromium() {
        return Path.of(System.getProperty("switchboard.browser.chromium", "/usr/bin/chromium"));
    }

    /** The rest of the first line starting with {@code prefix}, or {@code null}. */
    String line(String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElse(null);
    }
}
