package dev.switchboard.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The node's log file, rotated by size: when a line would take {@code node.log} past the limit, {@code node.log}
 * becomes {@code node.log.1} ({@code .1} becomes {@code .2} and so on; the oldest beyond the count is deleted) and a
 * new {@code node.log} begins. A line is never split across two files. Settings (system properties, e.g. in
 * SWITCHBOARD_OPTS): {@value #MAX_SIZE_PROPERTY} (bytes, or with k, m, g; default 10m; 0 never rotates) and
 * {@value #MAX_FILES_PROPERTY} (rotated files kept, default 5). Each {@code write} call is a unit that is never
 * split: {@link Logging.LineWriter} writes whole lines.
 */
final class RotatingFile extends OutputStream {

    static final String MAX_SIZE_PROPERTY = "switchboard.log.maxSize";
    static final String MAX_FILES_PROPERTY = "switchboard.log.maxFiles";
    static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024;
    static final int DEFAULT_MAX_FILES = 5;

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out; // guarded by this
    private long size;        // guarded by this

    private RotatingFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
    }

    /** Appends to {@code file} (creating it and its directory), with the limits the system properties give. */
    static RotatingFile open(Path file) throws IOException, LauncherException {
        return open(file, size(System.getProperty(MAX_SIZE_PROPERTY)), files(System.getProperty(MAX_FILES_PROPERTY)));
    }

    static RotatingFile open(Path file, long maxBytes, int keep) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new RotatingFile(file, maxBytes, keep);
    }

    /** Writes whole lines, rotating first when they would not fit. */
    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (maxBytes > 0 && size > 0 && size + length > maxBytes) {
            rotate();
        }
        out.write(bytes, offset, length);
        size += length;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    private void rotate() throws IOException {
        out.close();
        try {
            Files.deleteIfExists(numbered(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(numbered(i))) {
                    Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (keep > 0) {
                Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(file);
            }
        } finally {
            open(); // a failed rename keeps appending to the same file rather than losing lines
        }
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    Path numbered(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** {@code 10485760}, {@code 512k}, {@code 10m}, {@code 1g}; {@code null} for the default. */
    static long size(String text) throws LauncherException {
        if (text == null || text.isBlank()) {
            return DEFAULT_MAX_SIZE;
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        long unit = switch (value.charAt(value.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        try {
            long number = Long.parseLong(unit == 1 ? value : value.substring(0, value.length() - 1));
            if (number < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(number, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new LauncherException(MAX_SIZE_PROPERTY + "=" + text + " is not a size (bytes, or e.g. 512k, 10m,"
                    + " 1g; 0 never rotates)");
        }
    }

    static int files(String text) throws LauncherException {
        if (text == null || text.isBlank()) {
            return DEFAULT_MAX_FILES;
        }
        try {
            int count = Integer.parseInt(text.strip());
            if (count < 0 || count > 1000) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new LauncherException(MAX_FILES_PROPERTY + "=" + text + " is not a count of files from 0 to 1000");
        }
    }

    @Override
    public synchronized String toString() {
        return "RotatingFile[" + file + ", " + size + " of " + maxBytes + " bytes, keep " + keep + "]";
    }
}
