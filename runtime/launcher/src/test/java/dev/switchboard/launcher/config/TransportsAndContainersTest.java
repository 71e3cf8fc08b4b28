package dev.switchboard.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.StartPlan.PlannedConfiguration;
import dev.switchboard.launcher.config.NodeConfig.ContainerWorker;
import dev.switchboard.launcher.config.NodeConfig.TransportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Web, WebSocket and RawSocket transports, container workers, and what Configuration Admin gets for them. */
class TransportsAndContainersTest {

    @TempDir
    Path node;

    @BeforeEach
    void web() throws Exception {
        Files.createDirectories(node.resolve("web"));
    }

    /** The init template: the demo configuration of the seed. */
    static String template() throws Exception {
        return Files.readString(Path.of(System.getProperty("switchboard.test.template")));
    }

    private NodeConfigReader.Result read(String json) {
        return NodeConfigReader.read(json, node);
    }

    private static String withRouterAndContainer(String transport) {
        return """
                {"version": 2, "workers": [
                  {"type": "router", "realms": [{"name": "realm1"}], "transports": [
                    {"type": "rawsocket", "id": "rs", "endpoint": {"type": "unix", "path": "run/router.sock"}},
                    {"type": "websocket", "id": "ws", "endpoint": {"type": "tcp", "port": 8080}}]},
                  {"type": "container", "id": "c1", "components": [
                    {"type": "class", "classname": "a.B", "realm": "realm1", "transport": %s}]}]}""".formatted(transport);
    }

    private static Map<String, PlannedConfiguration> byPid(List<PlannedConfiguration> configurations) {
        return configurations.stream().collect(Collectors.toMap(PlannedConfiguration::pid, c -> c));
    }

    @Test
    void theTemplateIsValidAndMapsToConfigurations() throws Exception {
        NodeConfigReader.Result result = read(template());
        assertEquals(List.of(), result.problems().errors());
        assertEquals(List.of(), result.problems().warnings());
        Map<String, PlannedConfiguration> router = byPid(ConfigMapping.router(result.config().router()));
        assertEquals(List.of("dev.switchboard.demo.TimeService~timeservice", "dev.switchboard.realm~realm1",
                "dev.switchboard.transport.rawsocket~rawsocket1", "dev.switchboard.transport.websocket~web1"),
                router.keySet().stream().sorted().toList());
        var web = router.get("dev.switchboard.transport.websocket~web1").properties();
        assertEquals("127.0.0.1", web.get("host"));
        assertEquals(8080, web.get("port"));
        assertEquals("/ws", web.get("path"));
        assertEquals(node.resolve("web").toString(), web.get("webDirectory"));
        assertEquals("/", web.get("webPath"));
        var rawsocket = router.get("dev.switchboard.transport.rawsocket~rawsocket1").properties();
        assertEquals(0, rawsocket.get("port"));
        assertEquals(node.resolve("run/router.sock").toString(), rawsocket.get("unixSocket"));
        assertEquals("realm1", router.get("dev.switchboard.demo.TimeService~timeservice").properties().get("realm"));

        ContainerWorker container = result.config().container("container1").orElseThrow();
        Map<String, PlannedConfiguration> containerConfigs = byPid(ConfigMapping.container(container));
        var connector = containerConfigs.get("dev.switchboard.client.remote~container1").properties();
        assertEquals("rawsocket+unix://" + node.resolve("run/router.sock"), connector.get("url"));
        assertEquals("msgpack", connector.get("serializer"));
        assertEquals("container1", connector.get("name"));
        assertTrue(containerConfigs.containsKey("dev.switchboard.demo.TickService~tickservice"));
    }

    @Test
    void aComponentsRoleAndExtraArePassedOn() {
        NodeConfigReader.Result result = read("""
                {"version": 2, "workers": [{"type": "router", "realms": [{"name": "realm1"}], "components": [
                  {"type": "class", "classname": "a.B", "realm": "realm1", "role": "backend",
                   "extra": {"topic": "com.example.t", "intervalMs": 250}}]}]}""");
        var properties = ConfigMapping.router(result.config().router()).get(1).properties();
        assertEquals("backend", properties.get("role"));
        assertEquals("{\"topic\":\"com.example.t\",\"intervalMs\":250}", properties.get("extra"));
        assertEquals("a.B~component1", ConfigMapping.router(result.config().router()).get(1).pid());
    }

    @Test
    void aWebTransportHasOneWebSocketAndAtMostOneStaticPath() {
        assertEquals(List.of("workers[0].transports[0].paths: not supported by Switchboard: a web transport without"
                + " a websocket path; add one, e.g. \"ws\": {\"type\": \"websocket\"}"), read(router(
                "{\"type\": \"web\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8080}, \"paths\": {\"/\": {\"type\":"
                        + " \"static\", \"directory\": \"web\"}}}")).problems().errors());
        assertEquals(List.of("workers[0].transports[0].paths.lp.type: not supported by Switchboard: web path"
                + " service \"longpoll\" (the web transport serves one websocket and one static path)"), read(router(
                "{\"type\": \"web\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8080}, \"paths\": {\"ws\": {\"type\":"
                        + " \"websocket\"}, \"lp\": {\"type\": \"longpoll\"}}}")).problems().errors());
        assertEquals(List.of("workers[0].transports[0].paths[\"/\"].directory: " + node.resolve("missing")
                + " is not a directory"), read(router("{\"type\": \"web\", \"endpoint\": {\"type\": \"tcp\", \"port\":"
                + " 8080}, \"paths\": {\"ws\": {\"type\": \"websocket\"}, \"/\": {\"type\": \"static\", \"directory\":"
                + " \"missing\"}}}")).problems().errors());
    }

    @Test
    void aWebSocketPathsAuthAndOptionsApply() {
        NodeConfigReader.Result result = read(router("{\"type\": \"web\", \"id\": \"w\", \"endpoint\": {\"type\":"
                + " \"tcp\", \"port\": 8080}, \"paths\": {\"ws\": {\"type\": \"websocket\", \"options\":"
                + " {\"max_message_size\": 65536, \"auto_ping_interval\": 10000}, \"auth\": {\"anonymous\":"
                + " {\"type\": \"static\", \"role\": \"guest\"}}}}}"));
        assertEquals(List.of(), result.problems().errors());
        TransportSpec web = result.config().router().transports().get(0);
        assertEquals(65536, web.properties().get("maxMessageSize"));
        assertEquals(10, web.properties().get("autoPingIntervalSeconds"));
        assertEquals("w", web.properties().get("auth"));
        assertEquals("", web.properties().get("webDirectory"));
        List<PlannedConfiguration> configurations = ConfigMapping.router(result.config().router());
        assertEquals("dev.switchboard.auth~w", configurations.get(1).pid());
        assertEquals("w", configurations.get(1).properties().get("name"));
    }

    @Test
    void aStandaloneWebSocketTransportListensAtItsUrlsPath() {
        NodeConfigReader.Result result = read(router("{\"type\": \"websocket\", \"url\": \"ws://localhost:9000/wamp\","
                + " \"endpoint\": {\"type\": \"tcp\", \"port\": 9000, \"interface\": \"0.0.0.0\"}}"));
        assertEquals("/wamp", result.config().router().transports().get(0).properties().get("path"));
        assertEquals("0.0.0.0", result.config().router().transports().get(0).properties().get("host"));
        NodeConfigReader.Result plain = read(router("{\"type\": \"websocket\", \"endpoint\": {\"type\": \"tcp\","
                + " \"port\": 9000}}"));
        assertEquals("/", plain.config().router().transports().get(0).properties().get("path"));
        assertEquals("127.0.0.1", plain.config().router().transports().get(0).properties().get("host"));
    }

    @Test
    void anEndpointsBacklogIsTheListenersAcceptQueueSize() {
        NodeConfigReader.Result result = read(router("{\"type\": \"websocket\", \"endpoint\": {\"type\": \"tcp\","
                + " \"port\": 9000, \"backlog\": 2048}}, {\"type\": \"rawsocket\", \"endpoint\": {\"type\":"
                + " \"unix\", \"path\": \"run/rs.sock\", \"backlog\": 300}}, {\"type\": \"rawsocket\","
                + " \"endpoint\": {\"type\": \"tcp\", \"port\": 9001}}"));
        assertEquals(List.of(), result.problems().errors());
        assertEquals(List.of(), result.problems().warnings());
        List<TransportSpec> transports = result.config().router().transports();
        assertEquals(2048, transports.get(0).properties().get("acceptQueueSize"));
        assertEquals(300, transports.get(1).properties().get("acceptQueueSize"));
        assertFalse(transports.get(2).properties().containsKey("acceptQueueSize"), "the transport's default, 1024");
        assertEquals(List.of("workers[0].transports[0].endpoint.backlog: expected an integer from 1 to 65535, got 0"),
                read(router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\", \"port\": 9001,"
                        + " \"backlog\": 0}}")).problems().errors());
    }

    @Test
    void tlsFilesAreRelativeToTheNodeDirectory() {
        NodeConfigReader.Result result = read(router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\","
                + " \"port\": 8443, \"tls\": {\"key\": \"server.key\", \"certificate\": \"server.crt\"}}}"));
        var properties = result.config().router().transports().get(0).properties();
        assertEquals(node.resolve("server.key").toString(), properties.get("tlsKey"));
        assertEquals(node.resolve("server.crt").toString(), properties.get("tlsCertificate"));
        assertTrue(read(router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8443, \"tls\":"
                + " {\"key\": \"k\", \"certificate\": \"c\", \"dhparam\": \"d\"}}}")).problems().errors().get(0)
                .startsWith("workers[0].transports[0].endpoint.tls.dhparam: not supported by Switchboard"));
    }

    @Test
    void aContainerConnectsOverTcpToo() {
        NodeConfigReader.Result result = read("""
                {"version": 2, "workers": [
                  {"type": "router", "realms": [{"name": "realm1"}], "transports": [
                    {"type": "rawsocket", "endpoint": {"type": "tcp", "port": 8081}}]},
                  {"type": "container", "options": {"env": {"inherit": ["PATH"], "vars": {"MODE": "demo"}}},
                   "components": [{"type": "class", "classname": "a.B", "realm": "realm1", "extra": {"n": 1},
                     "transport": {"type": "rawsocket", "serializer": "cbor",
                                   "endpoint": {"type": "tcp", "host": "127.0.0.1", "port": 8081, "timeout": 3}}}]}]}""");
        assertEquals(List.of(), result.problems().errors());
        ContainerWorker container = result.config().containers().get(0);
        assertEquals("worker2", container.id());
        assertEquals("rawsocket://127.0.0.1:8081", container.transport().url());
        assertEquals(3000L, container.transport().connectTimeoutMillis());
        assertEquals(List.of("PATH"), container.environment().inherit());
        assertEquals(Map.of("MODE", "demo"), container.environment().vars());
        assertEquals(3000, ConfigMapping.container(container).get(0).properties().get("connectTimeoutMillis"));
    }

    @Test
    void aContainersTransportIsCheckedAgainstTheRouter() {
        String unknownRealm = withRouterAndContainer("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"unix\","
                + " \"path\": \"run/router.sock\"}}").replace("\"realm\": \"realm1\", \"transport\"",
                "\"realm\": \"realm9\", \"transport\"");
        assertEquals(List.of("workers[1].components[0].realm: unknown realm \"realm9\" (this router's realms:"
                + " realm1)"), read(unknownRealm).problems().errors());
        assertEquals(List.of("workers[1].components[0].transport.endpoint: rawsocket://127.0.0.1:8080 is the websocket"
                + " transport workers[0].transports[1]; a container connects to a rawsocket transport"),
                read(withRouterAndContainer("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\", \"host\":"
                        + " \"127.0.0.1\", \"port\": 8080}}")).problems().errors());
        NodeConfigReader.Result elsewhere = read(withRouterAndContainer("{\"type\": \"rawsocket\", \"endpoint\":"
                + " {\"type\": \"tcp\", \"host\": \"10.0.0.1\", \"port\": 8081}}"));
        assertEquals(List.of(), elsewhere.problems().errors());
        assertEquals(List.of("workers[1].components[0].transport.endpoint: no transport of this node's router listens"
                + " on rawsocket://10.0.0.1:8081; the container expects another router there"),
                elsewhere.problems().warnings());
        assertTrue(read(withRouterAndContainer("{\"type\": \"websocket\", \"url\": \"ws://127.0.0.1:8080\"}"))
                .problems().errors().get(0).startsWith("workers[1].components[0].transport.type: not supported by"
                        + " Switchboard: WebSocket from a container"));
    }

    @Test
    void theComponentsOfOneContainerShareOneTransport() {
        String json = """
                {"version": 2, "workers": [{"type": "container", "components": [
                  {"type": "class", "classname": "a.B", "realm": "r", "transport": {"type": "rawsocket",
                    "endpoint": {"type": "unix", "path": "a.sock"}}},
                  {"type": "class", "classname": "a.C", "realm": "r", "transport": {"type": "rawsocket",
                    "endpoint": {"type": "unix", "path": "b.sock"}}}]}]}""";
        assertTrue(read(json).problems().errors().get(0).startsWith("workers[0].components[1].transport: not"
                + " supported by Switchboard: components of one container with different transports"));
        assertEquals("workers[0].components[0].transport: missing (expected an object)", read(json.replace(
                ", \"transport\": {\"type\": \"rawsocket\",\n    \"endpoint\": {\"type\": \"unix\", \"path\":"
                        + " \"a.sock\"}}", "")).problems().errors().get(0));
    }

    private static String router(String transport) {
        return "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"realms\": [{\"name\": \"realm1\"}],"
                + " \"transports\": [" + transport + "]}]}";
    }
}
