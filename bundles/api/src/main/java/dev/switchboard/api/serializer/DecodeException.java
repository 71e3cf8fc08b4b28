package dev.switchboard.api.serializer;

/** Bytes that are not a well-formed WAMP message: a protocol violation per the spec. */
public class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
