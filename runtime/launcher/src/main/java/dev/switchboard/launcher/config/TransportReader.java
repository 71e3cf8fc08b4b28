package dev.switchboard.launcher.config;

import dev.switchboard.launcher.config.Endpoints.Listening;
import dev.switchboard.launcher.config.NodeConfig.TransportSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Router transports: {@code websocket}, {@code rawsocket} and {@code web} (static files and one WebSocket path on
 * one port), onto {@code dev.switchboard.transport.websocket} / {@code .rawsocket} configurations named after the
 * transport id, with their {@code auth} as a {@code dev.switchboard.auth} configuration of the same name.
 */
final class TransportReader {

    static final String WEBSOCKET_PID = "dev.switchboard.transport.websocket";
    static final String RAWSOCKET_PID = "dev.switchboard.transport.rawsocket";
    static final List<String> SERIALIZERS = List.of("json", "msgpack", "cbor");
    /** Where {@link #auth} leaves the auth JSON for {@link #spec}, which takes it out of the properties again. */
    private static final String AUTH_JSON = " auth";

    private final Path nodeDirectory;
    private final Set<String> realms;
    private final Problems problems;

    TransportReader(Path nodeDirectory, Set<String> realms, Problems problems) {
        this.nodeDirectory = nodeDirectory;
        this.realms = realms;
        this.problems = problems;
    }

    TransportSpec read(Obj transport, String defaultId) {
        String type = transport.string("type", true);
        if (type == null) {
            return null;
        }
        String id = NodeConfigReader.id(transport, defaultId, problems);
        return switch (type) {
            case "websocket" -> websocket(transport, id);
            case "rawsocket" -> rawsocket(transport, id);
            case "web" -> new WebTransportReader(this, nodeDirectory, problems).read(transport, id);
            case "universal" -> unsupported(transport, "universal transports (RawSocket, WebSocket and Web on one"
                    + " port); use a rawsocket and a web transport on two ports");
            case "mqtt" -> unsupported(transport, "MQTT transports");
            case "flashpolicy" -> unsupported(transport, "Flash policy transports");
            case "websocket.testee", "stream.testee" -> unsupported(transport, "test transports");
            default -> {
                problems.error(transport.at("type"), "expected one of " + Obj.quoted(List.of("websocket",
                        "rawsocket", "web")) + ", got " + Obj.describe(transport.raw("type")));
                yield null;
            }
        };
    }

    private TransportSpec unsupported(Obj transport, String why) {
        problems.unsupported(transport.at("type"), why);
        return null;
    }

    private TransportSpec websocket(Obj transport, String id) {
        transport.check(webSocketKeys("type", "id", "endpoint"));
        Listening endpoint = endpoint(transport);
        Map<String, Object> properties = listener(id, endpoint);
        properties.put("path", pathOfUrl(transport));
        webSocketSettings(transport, properties);
        return spec(transport, id, "websocket", WEBSOCKET_PID, properties, endpoint);
    }

    private TransportSpec rawsocket(Obj transport, String id) {
        transport.check(Keys.of("type", "id", "endpoint", "serializers", "options", "auth")
                .ignored("debug", "set the log level with log:level dev.switchboard debug in the shell, or -Dswitchboard.log.level=debug"));
        Listening endpoint = endpoint(transport);
        Map<String, Object> properties = listener(id, endpoint);
        Obj options = transport.object("options", false);
        if (options != null) {
            options.check(Keys.of("max_message_size"));
            Long size = options.integer("max_message_size", 512, 16 * 1024 * 1024, false);
            if (size != null) {
                if (Long.bitCount(size) != 1) {
                    problems.warn(options.at("max_message_size"), "rounded down to "
                            + Long.highestOneBit(size) + ": the RawSocket handshake announces powers of two");
                }
                properties.put("maxMessageSize", size.intValue());
            }
        }
        serializers(transport);
        auth(transport, id, properties);
        return spec(transport, id, "rawsocket", RAWSOCKET_PID, properties, endpoint);
    }

    /** The keys of a WebSocket transport or of a web transport's websocket path, plus {@code extra}. */
    static Keys webSocketKeys(String... extra) {
        List<String> keys = new java.util.ArrayList<>(List.of("serializers", "options", "auth", "url"));
        keys.addAll(List.of(extra));
        return Keys.of(keys.toArray(new String[0]))
                .unsupported("cookie", "cookie tracking (and so cookie authentication)")
                .ignored("debug", "set the log level with log:level dev.switchboard debug in the shell, or -Dswitchboard.log.level=debug");
    }

    /** Options, serializers and auth, shared by WebSocket transports and web transports' websocket paths. */
    void webSocketSettings(Obj websocket, Map<String, Object> properties) {
        Obj options = websocket.object("options", false);
        if (options != null) {
            WebSocketOptions.read(options, properties, problems);
        }
        serializers(websocket);
        auth(websocket, (String) properties.get("name"), properties);
    }

    Listening endpoint(Obj transport) {
        Obj endpoint = transport.object("endpoint", true);
        return endpoint == null ? null : Endpoints.listening(endpoint, nodeDirectory, problems);
    }

    /** The properties every listener has: name, and TCP or Unix socket (never both: Crossbar has one each). */
    static Map<String, Object> listener(String id, Listening endpoint) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", id);
        if (endpoint != null && endpoint.unixSocket() != null) {
            properties.put("port", 0);
            properties.put("unixSocket", endpoint.unixSocket().toString());
        } else if (endpoint != null) {
            properties.put("host", endpoint.host());
            properties.put("port", endpoint.port());
            properties.put("unixSocket", "");
            properties.putAll(endpoint.tls());
        }
        if (endpoint != null && endpoint.backlog() != null) {
            properties.put("acceptQueueSize", endpoint.backlog());
        }
        return properties;
    }

    TransportSpec spec(Obj transport, String id, String kind, String factoryPid, Map<String, Object> properties,
            Listening endpoint) {
        if (id == null || endpoint == null) {
            return null;
        }
        String auth = (String) properties.remove(AUTH_JSON);
        return new TransportSpec(id, kind, factoryPid, properties, auth, endpoint.host(), endpoint.port(),
                endpoint.unixSocket(), transport.path());
    }

    void auth(Obj transport, String id, Map<String, Object> properties) {
        Obj auth = transport.object("auth", false);
        if (auth == null) {
            return;
        }
        String json = AuthReader.read(auth, realms, problems);
        if (json != null) {
            properties.put("auth", id);
            properties.put(AUTH_JSON, json);
        }
    }

    /** Serializers are bundles the whole node shares: a subset on one transport is not enforced. */
    void serializers(Obj transport) {
        List<String> names = transport.strings("serializers", false);
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String at = Obj.index(transport.at("serializers"), i);
            if (name.equals("ubjson") || name.equals("flatbuffers")) {
                problems.unsupported(at, "the " + name + " serializer (there are json, msgpack and cbor)");
            } else if (!SERIALIZERS.contains(name)) {
                problems.error(at, "expected one of " + Obj.quoted(SERIALIZERS) + ", got \"" + name + "\"");
            }
        }
        if (!names.containsAll(SERIALIZERS)) {
            problems.warn(transport.at("serializers"), "serializers are node-wide in Switchboard: every listener"
                    + " offers every installed serializer bundle (json, msgpack, cbor), so this list is not"
                    + " enforced here; remove a serializer bundle to take it away");
        }
    }

    /** A standalone WebSocket transport accepts at the path of its {@code url}, else at "/" as Crossbar does. */
    private String pathOfUrl(Obj transport) {
        String url = transport.string("url", false);
        if (url == null) {
            return "/";
        }
        try {
            URI uri = new URI(url);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
                throw new URISyntaxException(url, "not ws:// or wss://");
            }
            return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        } catch (URISyntaxException e) {
            problems.error(transport.at("url"), "expected a ws:// or wss:// URL, got \"" + url + "\"");
            return "/";
        }
    }
}
