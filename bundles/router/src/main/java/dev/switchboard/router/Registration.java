package dev.switchboard.router;

/** A procedure registered by one callee. Actor-confined. */
final class Registration {
    final long id;
    final String procedure;
    final String match;
    final Session callee;

    Registration(long id, String procedure, String match, Session callee) {
        this.id = id;
        this.procedure = procedure;
        this.match = match;
        this.callee = callee;
    }

    @Override
    public String toString() {
        return "Registration[" + id + ", " + procedure + ", " + match + ", callee=" + callee.id() + "]";
    }
}
