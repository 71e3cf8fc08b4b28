package dev.switchboard.itest.probe;

import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.router.TransportDetails;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Joins realm1 through an in-process peer (no transport, no serializer) and registers {@code probe.hello}, which
 * answers {@code "hello from the probe bundle"}. Leaving on deactivation makes the registration vanish.
 */
@Component(service = {}, immediate = true)
public final class ProbeComponent implements Peer {
    static final String PROCEDURE = "probe.hello";

    @Reference
    private Router router;

    private RouterSession session;

    @Activate
    void activate() {
        session = router.connect(this);
        session.receive(new Hello("realm1", Map.of("roles", Map.of("callee", Map.of()))));
    }

    @Deactivate
    void deactivate() {
        session.receive(new Goodbye(Map.of(), "wamp.close.normal"));
        session.closed();
    }

    @Override
    public void send(Message message) {
        if (message instanceof Welcome) {
            session.receive(new Register(1, Map.of(), PROCEDURE));
        } else if (message instanceof Invocation inv) {
            session.receive(new Yield(inv.request(), Map.of(), List.of("hello from the probe bundle"), null));
        } else if (message instanceof Error e) {
            System.err.println("probe: " + e);
        }
    }

    @Override
    public void close() {}

    @Override
    public void resumeReading() {}

    @Override
    public TransportDetails details() {
        return new TransportDetails("local", "local", "local:probe", null);
    }
}
