package dev.switchboard.router;

/** What a role may do on URIs matching one pattern, and what the router discloses for it (Crossbar's format). */
record Permission(boolean call, boolean register, boolean publish, boolean subscribe, boolean discloseCaller,
        boolean disclosePublisher) {

    static final Permission NONE = new Permission(false, false, false, false, false, false);
    /** For realms without roles: everything allowed, nothing disclosed unless asked. */
    static final Permission ALL = new Permission(true, true, true, true, false, false);

    boolean allows(String action) {
        return switch (action) {
            case "call" -> call;
            case "register" -> register;
            case "publish" -> publish;
            case "subscribe" -> subscribe;
            default -> false;
        };
    }
}
