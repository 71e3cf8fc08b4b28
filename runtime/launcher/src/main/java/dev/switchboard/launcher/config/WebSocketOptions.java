package dev.switchboard.launcher.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonPrimitive;
import java.util.Map;

/**
 * Crossbar's WebSocket {@code options}: the message size limit and the ping interval are applied; timeouts and
 * tuning knobs the transport does not have are accepted with a warning; an origin restriction is refused, since
 * accepting it without enforcing it would open what the configuration meant to close.
 */
final class WebSocketOptions {

    private static final String NOT_HERE = "the WebSocket transport has no such setting";

    private WebSocketOptions() {
    }

    static void read(Obj options, Map<String, Object> properties, Problems problems) {
        options.check(Keys.of("max_message_size", "auto_ping_interval", "allowed_origins")
                .ignored("auto_ping_timeout", "a peer that stops answering is closed by the idle timeout"
                        + " (idleTimeoutSeconds, 300 s)")
                .ignored("auto_ping_size", NOT_HERE)
                .ignored("open_handshake_timeout", NOT_HERE)
                .ignored("close_handshake_timeout", NOT_HERE)
                .ignored("max_frame_size", "messages are limited as a whole (max_message_size)")
                .ignored("fail_by_drop", NOT_HERE)
                .ignored("echo_close_codereason", NOT_HERE)
                .ignored("utf8validation", "text frames are always validated")
                .ignored("require_websocket_subprotocol", "a WAMP subprotocol is always required")
                .ignored("enable_webstatus", "there is no status page")
                .ignored("tcp_nodelay", "TCP_NODELAY is always on")
                .ignored("compression", "per-message compression is not offered, connections are uncompressed")
                .unsupported("show_server_version", "announcing the server version"));
        Long size = options.integer("max_message_size", 1, Integer.MAX_VALUE, false);
        if (size != null) {
            properties.put("maxMessageSize", size.intValue());
        }
        Long interval = options.integer("auto_ping_interval", 0, Integer.MAX_VALUE, false);
        if (interval != null) {
            long seconds = (interval + 999) / 1000;
            if (interval % 1000 != 0) {
                problems.warn(options.at("auto_ping_interval"), "rounded up to " + seconds + " s: pings are sent"
                        + " every whole number of seconds");
            }
            properties.put("autoPingIntervalSeconds", (int) seconds);
        }
        origins(options, problems);
    }

    private static void origins(Obj options, Problems problems) {
        JsonArray origins = options.array("allowed_origins", false);
        if (origins == null) {
            return;
        }
        boolean everyOrigin = origins.size() == 1 && origins.get(0).equals(new JsonPrimitive("*"));
        if (!everyOrigin) {
            problems.unsupported(options.at("allowed_origins"), "restricting WebSocket origins; only [\"*\"] (every"
                    + " origin, which is what the transport does) is accepted");
        }
    }
}
