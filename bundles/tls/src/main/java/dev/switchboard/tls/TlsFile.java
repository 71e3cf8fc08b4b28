package dev.switchboard.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file named by a TLS property: reads it (bounded) and words every failure as
 * {@code <property> '<path as configured>' <problem>}, the message of a {@link TlsException}.
 */
record TlsFile(String property, String path) {

    /** Key stores and PEM files are a few kilobytes; anything this big is the wrong file. */
    static final int MAX_SIZE = 1 << 20;

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** One {@code -----BEGIN type-----} block. {@code headers} tells an old-style encrypted key (RFC 1421). */
    record PemBlock(String type, boolean headers, byte[] der) {}

    /** Relative paths resolve against the working directory, as the JVM does. */
    Path resolved() {
        return Path.of(path);
    }

    byte[] read() throws TlsException {
        try {
            Path file = resolved();
            if (Files.size(file) > MAX_SIZE) {
                throw problem("is larger than " + MAX_SIZE + " bytes: not a key or certificate file");
            }
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) { // InvalidPathException, SecurityException too
            throw new TlsException(this + " cannot be read: " + describe(e), e);
        }
    }

    /** The PEM blocks in order; text outside them (comments, "Bag Attributes") is skipped. */
    List<PemBlock> readPem() throws TlsException {
        String text = new String(read(), StandardCharsets.ISO_8859_1); // never fails; PEM is ASCII
        List<PemBlock> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean headers = body.indexOf(':') >= 0;
            byte[] der;
            try {
                der = headers ? new byte[0] : Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw problem("holds a " + matcher.group(1) + " block that is not Base64");
            }
            blocks.add(new PemBlock(matcher.group(1), headers, der));
        }
        return blocks;
    }

    TlsException problem(String problem) {
        return new TlsException(this + " " + problem);
    }

    TlsException problem(String problem, Throwable cause) {
        return new TlsException(this + " " + problem + ": " + describe(cause), cause);
    }

    /**
     * {@code NoSuchFileException}, {@code AccessDeniedException}, {@code IOException: Is a directory}: the class
     * says what went wrong; for file system exceptions the message is only the path again.
     */
    static String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        String detail = failure instanceof FileSystemException fs ? fs.getReason() : failure.getMessage();
        return detail == null || detail.isBlank() ? name : name + ": " + detail;
    }

    /** {@code tlsKey 'run/key.pem'}. */
    @Override
    public String toString() {
        return property + " '" + path + "'";
    }
}
