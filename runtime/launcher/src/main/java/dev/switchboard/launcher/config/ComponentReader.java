package dev.switchboard.launcher.config;

import com.google.gson.JsonElement;
import dev.switchboard.launcher.config.Endpoints.Connecting;
import dev.switchboard.launcher.config.NodeConfig.ClientTransport;
import dev.switchboard.launcher.config.NodeConfig.ComponentSpec;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Components of type {@code class}: a Java class name instead of Crossbar's Python class path, which names the DS
 * component (its configuration PID) the node configures. Container components also name the transport they connect
 * over.
 */
final class ComponentReader {

    private static final Pattern JAVA_NAME = Pattern.compile(
            "(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)*"
                    + "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

    private ComponentReader() {
    }

    /** Checks and returns a component, {@code null} when it has errors. */
    static ComponentSpec component(Obj component, int index, boolean inContainer, Problems problems) {
        int before = problems.errorCount();
        Keys keys = inContainer ? Keys.of("type", "id", "classname", "realm", "role", "extra", "transport")
                : Keys.of("type", "id", "classname", "realm", "role", "extra").unsupported("transport", "a transport"
                        + " for a component of the router worker: it runs in the router's JVM and joins in-process;"
                        + " move it into a container worker to connect over a transport");
        keys.unsupported("references", "component references").unsupported("callbacks", "component callbacks");
        component.check(keys);
        String type = component.string("type", true);
        if ("function".equals(type)) {
            problems.unsupported(component.at("type"), "function components; Java components are classes");
        } else if (type != null && !type.equals("class")) {
            problems.error(component.at("type"), "expected \"class\", got " + Obj.describe(component.raw("type")));
        }
        String id = NodeConfigReader.id(component, "component" + (index + 1), problems);
        String classname = component.string("classname", true);
        if (classname != null && !JAVA_NAME.matcher(classname).matches()) {
            problems.error(component.at("classname"), "expected a Java class name (e.g."
                    + " dev.switchboard.demo.TimeService), got " + Obj.describe(component.raw("classname")));
        }
        String realm = component.string("realm", true);
        String role = component.string("role", false);
        JsonElement extra = component.raw("extra");
        if (problems.errorCount() > before) {
            return null;
        }
        return new ComponentSpec(id, classname, realm, role, extra == null ? null : extra.toString(),
                component.path());
    }

    /** A container component's {@code transport}: RawSocket to the router, over a Unix socket or TCP. */
    static ClientTransport transport(Obj transport, Path nodeDirectory, Problems problems) {
        String type = transport.string("type", true);
        if ("websocket".equals(type)) {
            problems.unsupported(transport.at("type"), "WebSocket from a container: the container's connector speaks"
                    + " RawSocket; point the component at a rawsocket transport of the router");
            return null;
        }
        if (type != null && !type.equals("rawsocket")) {
            problems.error(transport.at("type"), "expected \"rawsocket\", got " + Obj.describe(transport.raw("type")));
            return null;
        }
        transport.check(Keys.of("type", "endpoint", "serializer")
                .unsupported("serializers", "a list of serializers for a RawSocket client; give one \"serializer\"")
                .ignored("debug", "set the log level with log:level dev.switchboard debug in the shell, or -Dswitchboard.log.level=debug"));
        String serializer = transport.oneOf("serializer", TransportReader.SERIALIZERS, "json");
        Obj endpoint = transport.object("endpoint", true);
        Connecting connecting = endpoint == null ? null : Endpoints.connecting(endpoint, nodeDirectory, problems);
        if (type == null || serializer == null || connecting == null) {
            return null;
        }
        String url = connecting.unixSocket() != null
                ? "rawsocket+unix://" + connecting.unixSocket().toUri().getRawPath()
                : "rawsocket://" + (connecting.host().contains(":") ? "[" + connecting.host() + "]"
                        : connecting.host()) + ":" + connecting.port();
        return new ClientTransport(url, serializer, connecting.timeoutMillis(), connecting.host(),
                connecting.port(), connecting.unixSocket());
    }
}
