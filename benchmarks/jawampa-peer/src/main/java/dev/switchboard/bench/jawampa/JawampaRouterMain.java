package dev.switchboard.bench.jawampa;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import ws.wamp.jawampa.WampRouter;
import ws.wamp.jawampa.WampRouterBuilder;
import ws.wamp.jawampa.WampSerialization;
import ws.wamp.jawampa.transport.netty.SimpleWampWebsocketListener;

/**
 * Runs the jawampa 0.5 router with realm {@code realm1} on {@code ws://127.0.0.1:PORT/ws} (JSON and MsgPack) until
 * its standard input closes, so it never outlives the load generator that started it. Prints {@code READY} once it
 * listens. Arguments: {@code PORT} (default 8091).
 */
public final class JawampaRouterMain {
    private JawampaRouterMain() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8091;
        WampRouter router = new WampRouterBuilder().addRealm("realm1").build();
        SimpleWampWebsocketListener listener = new SimpleWampWebsocketListener(router,
                URI.create("ws://127.0.0.1:" + port + "/ws"), null,
                List.of(WampSerialization.Json, WampSerialization.MessagePack));
        listener.start();
        System.out.println("READY jawampa 0.5.0 on ws://127.0.0.1:" + port + "/ws pid " + ProcessHandle.current().pid());
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // wait for end of input
            }
        } catch (IOException e) {
            // the parent is gone: stop as well
        }
        listener.stop();
        router.close().toBlocking().lastOrDefault(null);
        System.exit(0);
    }
}
