package dev.switchboard.client;

/** How a CANCEL treats the running invocation (WAMP spec, advanced: call canceling). */
public enum CancelMode {
    /** The caller gets {@code wamp.error.canceled} at once; the callee is not told and its answer is dropped. */
    SKIP("skip"),
    /** The callee gets INTERRUPT; the caller gets the error once the callee answered it. */
    KILL("kill"),
    /** The caller gets {@code wamp.error.canceled} at once and the callee gets INTERRUPT. */
    KILL_NO_WAIT("killnowait");

    private final String wireName;

    CancelMode(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code CANCEL.Options.mode}. */
    public String wireName() {
        return wireName;
    }

    /** The mode for a wire name; {@link #KILL_NO_WAIT}, the spec's default, for unknown names. */
    public static CancelMode fromWireName(String name) {
        for (CancelMode m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        return KILL_NO_WAIT;
    }
}
