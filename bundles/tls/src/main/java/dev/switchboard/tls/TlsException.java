package dev.switchboard.tls;

/**
 * TLS key material that cannot be used. The message names the configuration property and the path as configured,
 * e.g. {@code tlsKey 'run/key.pem' cannot be read: NoSuchFileException}, and never shows a password or key bytes;
 * a listener prefixes its own name and fails to start.
 */
public final class TlsException extends Exception {

    private static final long serialVersionUID = 1L;

    TlsException(String message) {
        super(message);
    }

    TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
