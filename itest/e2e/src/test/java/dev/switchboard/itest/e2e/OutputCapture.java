package dev.switchboard.itest.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a child process's output line by line on a thread of its own: every line goes to a log file under
 * {@code target/} (flushed at once, so a killed run still leaves it) and into memory, where tests wait for lines.
 */
final class OutputCapture {
    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;
    private final Thread reader;

    OutputCapture(String name, InputStream stream, Path file) {
        this.file = file;
        Writer writer;
        try {
            Files.createDirectories(file.getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        reader = new Thread(() -> pump(stream, writer), "e2e-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(InputStream stream, Writer writer) {
        try (writer; BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                writer.write(line);
                writer.write('\n');
                writer.flush();
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process is gone; what was read is kept.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** The first line matching, waiting up to {@code timeout}; empty on timeout or when the output ended first. */
    synchronized Optional<String> awaitLine(Predicate<String> matcher, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (matcher.test(lines.get(checked))) {
                    return Optional.of(lines.get(checked));
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits (bounded) until the stream ended, so that {@link #lines()} has everything the process printed. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized boolean anyLine(Predicate<String> matcher) {
        return lines.stream().anyMatch(matcher);
    }

    synchronized String tail(int count) {
        List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
        return "--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
    }

    Path file() {
        return file;
    }
}
