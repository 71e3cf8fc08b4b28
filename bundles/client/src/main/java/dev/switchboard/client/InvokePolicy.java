package dev.switchboard.client;

/** Which callee of a shared registration gets an invocation (shared registration). */
public enum InvokePolicy {
    /** Only one callee may register the procedure (the default). */
    SINGLE("single"),
    ROUNDROBIN("roundrobin"),
    RANDOM("random"),
    FIRST("first"),
    LAST("last");

    private final String wireName;

    InvokePolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code REGISTER.Options.invoke}. */
    public String wireName() {
        return wireName;
    }
}
