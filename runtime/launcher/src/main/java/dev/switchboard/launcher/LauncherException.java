package dev.switchboard.launcher;

/**
 * A failure the user can act on: its message is printed as is (no stack trace) and the launcher exits with 1. The
 * message names the feature, bundle or configuration at fault and, where known, the reason.
 */
public class LauncherException extends Exception {

    private static final long serialVersionUID = 1L;

    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
