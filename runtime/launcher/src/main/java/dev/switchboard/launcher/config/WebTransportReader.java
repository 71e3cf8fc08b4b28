package dev.switchboard.launcher.config;

import dev.switchboard.launcher.config.Endpoints.Listening;
import dev.switchboard.launcher.config.NodeConfig.TransportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Crossbar's {@code web} transport onto the WebSocket transport: one {@code websocket} path (its {@code path}) and
 * at most one {@code static} path (its {@code webDirectory} and {@code webPath}) on one port. Crossbar's other path
 * services (long-poll, HTTP bridge, WSGI, ...) are refused by name.
 */
final class WebTransportReader {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.~-]+");

    private final TransportReader transports;
    private final Path nodeDirectory;
    private final Problems problems;

    WebTransportReader(TransportReader transports, Path nodeDirectory, Problems problems) {
        this.transports = transports;
        this.nodeDirectory = nodeDirectory;
        this.problems = problems;
    }

    TransportSpec read(Obj transport, String id) {
        transport.check(Keys.of("type", "id", "endpoint", "paths", "options"));
        webOptions(transport.object("options", false));
        Listening endpoint = transports.endpoint(transport);
        Map<String, Object> properties = TransportReader.listener(id, endpoint);
        Obj paths = transport.object("paths", true);
        if (paths == null) {
            return null;
        }
        String webSocketPath = null;
        String staticPath = null;
        for (String key : paths.json().keySet()) {
            String at = paths.at(key);
            if (!key.equals("/") && !SEGMENT.matcher(key).matches()) {
                problems.error(at, "expected \"/\" or a path segment such as \"ws\" (letters, digits, '_', '.',"
                        + " '~', '-')");
                continue;
            }
            Obj service = paths.object(key, true);
            String type = service == null ? null : service.string("type", true);
            if (type == null) {
                continue;
            }
            String urlPath = key.equals("/") ? "/" : "/" + key;
            switch (type) {
                case "websocket" -> {
                    if (webSocketPath != null) {
                        problems.unsupported(at, "a second websocket path on one web transport; add a transport");
                        continue;
                    }
                    webSocketPath = urlPath;
                    service.check(TransportReader.webSocketKeys("type"));
                    properties.put("path", urlPath);
                    transports.webSocketSettings(service, properties);
                }
                case "static" -> {
                    if (staticPath != null) {
                        problems.unsupported(at, "a second static path on one web transport");
                        continue;
                    }
                    staticPath = urlPath;
                    staticFiles(service, urlPath, properties);
                }
                default -> problems.unsupported(service.at("type"), "web path service \"" + type + "\" (the web"
                        + " transport serves one websocket and one static path)");
            }
        }
        if (webSocketPath == null) {
            problems.unsupported(paths.path(), "a web transport without a websocket path; add one, e.g."
                    + " \"ws\": {\"type\": \"websocket\"}");
        }
        if (webSocketPath != null && webSocketPath.equals(staticPath)) {
            problems.error(paths.path(), "the websocket and the static path are both " + webSocketPath);
        }
        properties.putIfAbsent("webDirectory", "");
        return transports.spec(transport, id, "web", TransportReader.WEBSOCKET_PID, properties, endpoint);
    }

    private void staticFiles(Obj service, String urlPath, Map<String, Object> properties) {
        service.check(Keys.of("type", "directory", "options")
                .unsupported("package", "static files from a Python package; give a directory")
                .unsupported("resource", "static files from a Python package; give a directory"));
        Obj options = service.object("options", false);
        if (options != null) {
            options.check(Keys.of("enable_directory_listing")
                    .unsupported("mime_types", "extra MIME types")
                    .ignored("cache_timeout", "files are served with the web server's default caching headers"));
            if (Boolean.TRUE.equals(options.bool("enable_directory_listing"))) {
                problems.unsupported(options.at("enable_directory_listing"), "directory listings");
            }
        }
        String directory = service.string("directory", true);
        if (directory == null) {
            return;
        }
        Path resolved = nodeDirectory.resolve(directory).normalize();
        if (!Files.isDirectory(resolved)) {
            problems.error(service.at("directory"), resolved + " is not a directory");
            return;
        }
        properties.put("webDirectory", resolved.toString());
        properties.put("webPath", urlPath);
    }

    private void webOptions(Obj options) {
        if (options != null) {
            options.check(Keys.of()
                    .ignored("access_log", "requests are not logged")
                    .ignored("display_tracebacks", "error pages never show stack traces")
                    .ignored("client_timeout", "idle connections are closed by the WebSocket transport's idle"
                            + " timeout")
                    .unsupported("hsts", "HTTP Strict Transport Security headers")
                    .unsupported("hsts_max_age", "HTTP Strict Transport Security headers"));
        }
    }
}
