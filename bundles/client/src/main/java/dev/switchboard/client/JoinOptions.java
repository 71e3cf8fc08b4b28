package dev.switchboard.client;

/**
 * How to join a realm. Immutable: each {@code with...} returns a copy. Today the router authenticates every
 * session as anonymous; authid and authrole are sent in HELLO as requests for when it does more.
 */
public final class JoinOptions {
    private static final JoinOptions DEFAULTS = new JoinOptions(null, null);

    private final String authid;
    private final String authrole;

    private JoinOptions(String authid, String authrole) {
        this.authid = authid;
        this.authrole = authrole;
    }

    public static JoinOptions defaults() {
        return DEFAULTS;
    }

    /** The authid to ask for ({@code HELLO.Details.authid}); {@code null} for none. */
    public JoinOptions withAuthid(String id) {
        return new JoinOptions(id, authrole);
    }

    /** The authrole to ask for ({@code HELLO.Details.authrole}); {@code null} for none. */
    public JoinOptions withAuthrole(String role) {
        return new JoinOptions(authid, role);
    }

    public String authid() {
        return authid;
    }

    public String authrole() {
        return authrole;
    }

    @Override
    public String toString() {
        return "JoinOptions[authid=" + authid + ", authrole=" + authrole + "]";
    }
}
