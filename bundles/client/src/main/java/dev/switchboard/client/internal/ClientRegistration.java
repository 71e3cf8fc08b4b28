package dev.switchboard.client.internal;

import dev.switchboard.client.Procedure;
import dev.switchboard.client.Registration;
import java.util.concurrent.CompletableFuture;

/** A registration of one session; {@code active} is written on the session's actor. */
final class ClientRegistration implements Registration {
    private final ClientSession session;
    private final CalleeRole callee;
    private final long id;
    private final String procedure;
    private final Procedure handler;
    private volatile boolean active = true;

    ClientRegistration(ClientSession session, CalleeRole callee, long id, String procedure, Procedure handler) {
        this.session = session;
        this.callee = callee;
        this.id = id;
        this.procedure = procedure;
        this.handler = handler;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String procedure() {
        return procedure;
    }

    Procedure handler() {
        return handler;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    @Override
    public CompletableFuture<Void> unregister() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        session.actor().execute(() -> callee.unregister(this, future));
        return future;
    }

    @Override
    public String toString() {
        return "Registration[" + id + ", " + procedure + (active ? "" : ", inactive") + "]";
    }
}
