package dev.switchboard.transport.rawsocket;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static dev.switchboard.client.testing.TestSupport.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.CallOptions;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.CancelMode;
import dev.switchboard.client.Event;
import dev.switchboard.client.Invocation;
import dev.switchboard.client.Procedure;
import dev.switchboard.client.PublishOptions;
import dev.switchboard.client.Result;
import dev.switchboard.client.testing.TestSupport.RecordingListener;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.ReconnectPolicy;
import dev.switchboard.client.remote.RawSocketConnector;
import dev.switchboard.client.remote.RawSocketConnectorSettings;
import dev.switchboard.router.TestRouter;
import dev.switchboard.serializer.json.JsonSerializer;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote client against the real RawSocket transport, router core and JSON serializer: what a component in a
 * separate JVM gets. Lives in the transport's package because its listener and settings are package-private.
 */
class RemoteClientIntegrationTest {
    private static final List<Serializer> SERIALIZERS = List.of(new JsonSerializer());
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(50),
            Duration.ofMillis(200), 0.2, 0);

    private final TestRouter router = new TestRouter("realm1");
    private RawSocketListener listener;
    private RawSocketConnector connector;

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        if (listener != null) {
            listener.stop();
        }
        router.close();
    }

    private RawSocketListener listen(int port, String unixSocket) {
        RawSocketSettings settings = RawSocketSettings.from(config(Map.of("port", port, "unixSocket", unixSocket,
                "idleTimeoutSeconds", 30)));
        RawSocketListener l = new RawSocketListener(settings, router.router(), () -> SERIALIZERS);
        l.start();
        return l;
    }

    /**
     * The transport's configuration as DS would build it: the declared defaults with some values replaced. Built
     * from the annotation's own defaults so that attributes the transport adds later need no change here.
     */
    private static RawSocketTransportConfig config(Map<String, Object> overrides) {
        return (RawSocketTransportConfig) Proxy.newProxyInstance(RawSocketTransportConfig.class.getClassLoader(),
                new Class<?>[] {RawSocketTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> RawSocketTransportConfig.class;
                    case "toString" -> "RawSocketTransportConfig" + overrides;
                    case "hashCode" -> overrides.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    private RawSocketConnector connector(String url, ReconnectPolicy policy) {
        connector = new RawSocketConnector(RawSocketConnectorSettings.of("it", url).withReconnect(policy),
                () -> SERIALIZERS).start();
        return connector;
    }

    private static int freePort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @Test
    void rpcBetweenTwoRemoteSessionsOverTcp() throws IOException {
        int port = freePort();
        listener = listen(port, "");
        RawSocketConnector c = connector("rawsocket://127.0.0.1:" + port, ReconnectPolicy.NEVER);
        WampSession callee = await(c.join("realm1", null));
        WampSession caller = await(c.join("realm1", null));
        await(callee.register("com.example.greet", Procedure.sync(inv ->
                Result.of(List.of("hello " + inv.arg(0)), Map.of("caller", inv.caller())))));

        CallResult r = await(caller.call("com.example.greet", List.of("world"), null,
                CallOptions.defaults().withDiscloseMe(true)));

        assertEquals(List.of("hello world"), r.args());
        assertEquals(caller.id(), ((Number) r.kwarg("caller")).longValue());
        WampException e = awaitFailure(caller.call("com.example.missing", null, null), WampException.class);
        assertEquals(WampErrors.NO_SUCH_PROCEDURE, e.uri());
    }

    @Test
    void progressCancelAndTimeoutOverTheNetwork() throws IOException {
        int port = freePort();
        listener = listen(port, "");
        RawSocketConnector c = connector("rawsocket://127.0.0.1:" + port, ReconnectPolicy.NEVER);
        WampSession callee = await(c.join("realm1", null));
        WampSession caller = await(c.join("realm1", null));
        BlockingQueue<Invocation> hanging = new LinkedBlockingQueue<>();
        await(callee.register("com.example.steps", Procedure.sync(inv -> {
            inv.progress(List.of(1), null);
            inv.progress(List.of(2), null);
            return Result.of(3);
        })));
        await(callee.register("com.example.hang", inv -> {
            hanging.add(inv);
            return new CompletableFuture<>();
        }));

        List<Object> steps = new CopyOnWriteArrayList<>();
        CallResult last = await(caller.call("com.example.steps", null, null,
                CallOptions.defaults().withProgress(p -> steps.add(p.arg(0)))));
        assertEquals(List.of(1, 2), steps);
        assertEquals(3, last.arg(0));

        CompletableFuture<CallResult> call = caller.call("com.example.hang", null, null);
        Invocation inv = poll(hanging);
        caller.cancel(call, CancelMode.KILL);
        assertEquals(WampErrors.CANCELED, awaitFailure(call, WampException.class).uri());
        assertEquals(CancelMode.KILL, await(inv.interrupted()));

        WampException timeout = awaitFailure(caller.call("com.example.hang", null, null,
                CallOptions.defaults().withTimeout(Duration.ofMillis(100))), WampException.class);
        assertEquals(WampErrors.TIMEOUT, timeout.uri());
    }

    @Test
    void pubSubOverAUnixDomainSocket(@TempDir Path dir) {
        Path socket = dir.resolve("rs.sock");
        listener = listen(0, socket.toString());
        RawSocketConnector c = connector("rawsocket+unix://" + socket.toAbsolutePath(), ReconnectPolicy.NEVER);
        WampSession subscriber = await(c.join("realm1", null));
        WampSession publisher = await(c.join("realm1", null));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        await(subscriber.subscribe("com.example.t", events::add));

        await(publisher.publish("com.example.t", List.of("x"), Map.of("y", 1),
                PublishOptions.defaults().withAcknowledge(true).withDiscloseMe(true)));

        Event e = poll(events);
        assertEquals(List.of("x"), e.args());
        assertEquals(Map.of("y", 1), e.kwargs());
        assertEquals(publisher.id(), e.publisher());
    }

    @Test
    void reconnectsWhenTheListenerComesBackAndTheComponentReRegisters() throws IOException {
        int port = freePort();
        listener = listen(port, "");
        RawSocketConnector c = connector("rawsocket://127.0.0.1:" + port, QUICK);
        RecordingListener events = new RecordingListener() {
            @Override
            public void onJoin(WampSession session) {
                await(session.register("com.example.alive", Procedure.sync(inv -> Result.of(session.id()))));
                super.onJoin(session);
            }
        };
        WampSession first = await(c.join("realm1", events));
        assertEquals("join", events.next());

        listener.stop(); // the router's transport goes away: connections drop
        assertEquals("disconnect:reconnect", events.next());
        listener = listen(port, "");

        assertEquals("join", events.next());
        assertEquals(first, poll(events.joined));
        WampSession second = poll(events.joined);
        assertNotEquals(first.id(), second.id());
        WampSession caller = await(c.join("realm1", null));
        assertEquals(second.id(), ((Number) await(caller.call("com.example.alive", null, null)).arg(0)).longValue());
    }

    @Test
    void routerShutdownIsAGoodbyeNotALoss() throws IOException {
        int port = freePort();
        listener = listen(port, "");
        RecordingListener events = new RecordingListener();
        await(connector("rawsocket://127.0.0.1:" + port, ReconnectPolicy.NEVER).join("realm1", events));
        assertEquals("join", events.next());

        router.close();

        assertEquals("leave:" + WampErrors.CLOSE_SYSTEM_SHUTDOWN, events.next());
        assertEquals("disconnect:final", events.next());
        assertTrue(events.events.isEmpty());
    }
}
