package dev.switchboard.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format errors of config.json: each names its JSON path and what was expected; one run names all of them. */
class NodeConfigReaderTest {

    @TempDir
    Path node;

    @BeforeEach
    void web() throws Exception {
        Files.createDirectories(node.resolve("web"));
    }

    /** A router worker with realm1 and the given transports and components. */
    static String router(String transports, String components) {
        return """
                {"version": 2, "workers": [{"type": "router",
                  "realms": [{"name": "realm1"}],
                  "transports": [%s],
                  "components": [%s]}]}""".formatted(transports, components);
    }

    static String tcp(String type, int port) {
        return "{\"type\": \"" + type + "\", \"endpoint\": {\"type\": \"tcp\", \"port\": " + port + "}}";
    }

    private NodeConfigReader.Result read(String json) {
        return NodeConfigReader.read(json, node);
    }

    private List<String> errors(String json) {
        NodeConfigReader.Result result = read(json);
        if (result.problems().hasErrors()) {
            assertNull(result.config(), "no configuration when there are errors");
        }
        return result.problems().errors();
    }

    private void assertError(String expected, String json) {
        List<String> errors = errors(json);
        assertTrue(errors.contains(expected), "expected\n  " + expected + "\nin\n  " + String.join("\n  ", errors));
    }

    private void assertErrorStartsWith(String expected, String json) {
        List<String> errors = errors(json);
        assertTrue(errors.stream().anyMatch(error -> error.startsWith(expected)),
                "expected a line starting\n  " + expected + "\nin\n  " + String.join("\n  ", errors));
    }

    @Test
    void aMinimalRouterIsValid() {
        NodeConfigReader.Result result = read(router(tcp("rawsocket", 8081), ""));
        assertEquals(List.of(), result.problems().errors());
        assertNotNull(result.config());
        assertEquals("worker1", result.config().router().id());
        assertEquals("transport1", result.config().router().transports().get(0).id());
    }

    @Test
    void aWrongPortNamesThePathAndTheValue() {
        String json = router(tcp("rawsocket", 8081) + ", {\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\","
                + " \"port\": \"80a\"}}", "");
        assertEquals(List.of("workers[0].transports[1].endpoint.port: expected an integer from 1 to 65535, got \"80a\""),
                errors(json));
    }

    @Test
    void portsMustBeWholeNumbersInRange() {
        assertError("workers[0].transports[0].endpoint.port: expected an integer from 1 to 65535, got 8080.0",
                router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8080.0}}", ""));
        assertError("workers[0].transports[0].endpoint.port: expected an integer from 1 to 65535, got 70000",
                router(tcp("rawsocket", 70000), ""));
        assertError("workers[0].transports[0].endpoint.port: missing (expected an integer from 1 to 65535)",
                router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\"}}", ""));
    }

    @Test
    void notJsonSaysWhere() {
        List<String> errors = errors("{\"version\": 2,\n \"workers\": [}");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("not valid JSON: "), errors.get(0));
        assertTrue(errors.get(0).contains("line 2"), errors.get(0));
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        List<String> errors = errors("{\"version\": 2, \"version\": 2}");
        assertTrue(errors.get(0).startsWith("not valid JSON: duplicate key \"version\""), errors.get(0));
    }

    @Test
    void theTopMustBeAnObject() {
        assertEquals(List.of("expected a JSON object at the top, got an array"), errors("[]"));
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        assertError("workers[0].realms[0].nmae: unknown key (expected one of: id, name, options, roles, store)",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"realms\": [{\"name\": \"r\", \"nmae\": 1}]}]}");
        assertError("colour: unknown key (expected one of: $schema, controller, version, workers)",
                "{\"version\": 2, \"colour\": \"blue\"}");
    }

    @Test
    void theVersionMustBe2() {
        assertError("version: missing (expected 2: Switchboard reads Crossbar's configuration format version 2)",
                "{}");
        assertError("version: not supported by Switchboard: configuration format version 1; upgrade it to"
                + " version 2 (Crossbar: crossbar upgrade)", "{\"version\": 1}");
        assertError("version: expected 2, got \"2\"", "{\"version\": \"2\"}");
    }

    @Test
    void crossbarFeaturesWithoutSwitchboardCounterpartAreRefusedByName() {
        assertErrorStartsWith("workers[0].transports[0].type: not supported by Switchboard: MQTT transports",
                router(tcp("mqtt", 1883), ""));
        assertErrorStartsWith("workers[0].transports[0].type: not supported by Switchboard: universal transports",
                router(tcp("universal", 8080), ""));
        assertErrorStartsWith("workers[1].type: not supported by Switchboard: guest workers",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\"}, {\"type\": \"guest\", \"executable\": \"node\"}]}");
        assertErrorStartsWith("workers[0].realms[0].rlinks: not supported by Switchboard: router-to-router links",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"realms\": [{\"name\": \"r\", \"rlinks\": []}]}]}");
        assertErrorStartsWith("workers[1].type: not supported by Switchboard: a second router worker",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\"}, {\"type\": \"router\"}]}");
        assertErrorStartsWith("workers[0].options.pythonpath: not supported by Switchboard: Python settings",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"options\": {\"pythonpath\": [\"..\"]}}]}");
        assertErrorStartsWith("controller.options.shutdown: not supported by Switchboard: shutdown triggers",
                "{\"version\": 2, \"controller\": {\"options\": {\"shutdown\": [\"shutdown_on_worker_exit\"]}}}");
    }

    @Test
    void unknownWorkerAndTransportTypesListTheKnownOnes() {
        assertError("workers[0].type: expected one of \"router\", \"container\", got \"routr\"",
                "{\"version\": 2, \"workers\": [{\"type\": \"routr\"}]}");
        assertError("workers[0].transports[0].type: expected one of \"websocket\", \"rawsocket\", \"web\", got"
                + " \"raw\"", router(tcp("raw", 80), ""));
        assertError("workers[0].transports[0].endpoint.type: expected one of \"tcp\", \"unix\", got \"udp\"",
                router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"udp\"}}", ""));
        assertErrorStartsWith("workers[0].transports[0].endpoint.type: not supported by Switchboard: Twisted",
                router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"twisted\"}}", ""));
    }

    @Test
    void twoListenersOnOnePortOrSocketAreRefused() {
        assertError("workers[0].transports[1].endpoint.port: port 8080 is also used by workers[0].transports[0]",
                router(tcp("websocket", 8080) + ", " + tcp("rawsocket", 8080), ""));
        String unix = "{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"unix\", \"path\": \"run/a.sock\"}}";
        assertError("workers[0].transports[1].endpoint.path: socket " + node.resolve("run/a.sock")
                + " is also used by workers[0].transports[0]", router(unix + ", " + unix.replace("}}", "}, \"id\": \"b\"}"), ""));
        // different interfaces may share a port
        assertEquals(List.of(), errors(router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\", \"port\": 9,"
                + " \"interface\": \"127.0.0.1\"}}, {\"type\": \"rawsocket\", \"id\": \"b\", \"endpoint\": {\"type\":"
                + " \"tcp\", \"port\": 9, \"interface\": \"127.0.0.2\"}}", "")));
    }

    @Test
    void idsAreUniqueAndSafeForFileNames() {
        assertError("workers[0].transports[1].id: duplicate transport id \"t\"", router(
                tcp("rawsocket", 1).replace("{\"type\"", "{\"id\": \"t\", \"type\"") + ", "
                        + tcp("rawsocket", 2).replace("{\"type\"", "{\"id\": \"t\", \"type\""), ""));
        assertErrorStartsWith("workers[0].id: expected an id of letters, digits",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"id\": \"../x\"}]}");
        assertError("workers[1].id: duplicate worker id \"w\"",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"id\": \"w\"}, {\"type\": \"router\", \"id\": \"w\"}]}");
        assertError("workers[0].realms[1].name: duplicate realm \"realm1\"",
                "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"realms\": [{\"name\": \"realm1\"}, {\"name\": \"realm1\"}]}]}");
    }

    @Test
    void aComponentNamesAKnownRealmAndAJavaClass() {
        assertError("workers[0].components[0].realm: unknown realm \"realm2\" (this router's realms: realm1)",
                router("", "{\"type\": \"class\", \"classname\": \"a.B\", \"realm\": \"realm2\"}"));
        assertError("workers[0].components[0].classname: expected a Java class name (e.g."
                + " dev.switchboard.demo.TimeService), got \"my-app.Backend\"",
                router("", "{\"type\": \"class\", \"classname\": \"my-app.Backend\", \"realm\": \"realm1\"}"));
        assertError("workers[0].components[0].realm: missing (expected a string)",
                router("", "{\"type\": \"class\", \"classname\": \"a.B\"}"));
        assertError("workers[0].components[0].type: not supported by Switchboard: function components; Java"
                + " components are classes", router("", "{\"type\": \"function\", \"classname\": \"a.B\", \"realm\": \"realm1\"}"));
        assertErrorStartsWith("workers[0].components[0].transport: not supported by Switchboard: a transport for a"
                + " component of the router worker", router("", "{\"type\": \"class\", \"classname\": \"a.B\","
                + " \"realm\": \"realm1\", \"transport\": {}}"));
        assertError("workers[0].components[1].id: duplicate component id \"c\"", router("",
                "{\"type\": \"class\", \"id\": \"c\", \"classname\": \"a.B\", \"realm\": \"realm1\"},"
                        + "{\"type\": \"class\", \"id\": \"c\", \"classname\": \"a.C\", \"realm\": \"realm1\"}"));
    }

    @Test
    void everyProblemIsNamedInOneRun() {
        String json = """
                {"version": 2, "workers": [{"type": "router",
                  "realms": [{"name": "realm1", "options": {"uri_check": "sloppy"}}],
                  "transports": [{"type": "websocket", "endpoint": {"type": "tcp", "port": -1}}],
                  "components": [{"type": "class", "classname": "a.B", "realm": "nowhere"}]}]}""";
        List<String> errors = errors(json);
        assertEquals(List.of(
                "workers[0].realms[0].options.uri_check: expected one of \"strict\", \"loose\", got \"sloppy\"",
                "workers[0].transports[0].endpoint.port: expected an integer from 1 to 65535, got -1",
                "workers[0].components[0].realm: unknown realm \"nowhere\" (this router's realms: realm1)"), errors);
    }

    @Test
    void aUnixSocketPathMustFitTheKernelsLimit() {
        String path = "run/" + "s".repeat(120) + ".sock";
        assertErrorStartsWith("workers[0].transports[0].endpoint.path: " + node.resolve(path) + " is ",
                router("{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"unix\", \"path\": \"" + path + "\"}}", ""));
    }

    @Test
    void warningsSayWhatHasNoEffect() {
        NodeConfigReader.Result result = read(router("{\"type\": \"websocket\", \"serializers\": [\"json\"],"
                + " \"endpoint\": {\"type\": \"tcp\", \"port\": 8080},"
                + " \"options\": {\"auto_ping_interval\": 1500, \"auto_ping_timeout\": 5000}}", ""));
        assertEquals(List.of(), result.problems().errors());
        List<String> warnings = result.problems().warnings();
        assertTrue(warnings.stream().anyMatch(warning -> warning.startsWith("workers[0].transports[0].serializers:"
                + " serializers are node-wide")), warnings.toString());
        assertTrue(warnings.contains("workers[0].transports[0].options.auto_ping_interval: rounded up to 2 s: pings"
                + " are sent every whole number of seconds"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(warning -> warning.startsWith(
                "workers[0].transports[0].options.auto_ping_timeout: ignored: ")), warnings.toString());
    }

    @Test
    void serializersOtherThanTheNodesAreRefused() {
        assertError("workers[0].transports[0].serializers[1]: not supported by Switchboard: the ubjson serializer"
                + " (there are json, msgpack and cbor)", router("{\"type\": \"rawsocket\", \"serializers\": [\"json\","
                + " \"ubjson\"], \"endpoint\": {\"type\": \"tcp\", \"port\": 1}}", ""));
        assertError("workers[0].transports[0].serializers[0]: expected one of \"json\", \"msgpack\", \"cbor\", got"
                + " \"xml\"", router("{\"type\": \"rawsocket\", \"serializers\": [\"xml\"], \"endpoint\": {\"type\":"
                + " \"tcp\", \"port\": 1}}", ""));
    }

    @Test
    void originRestrictionsAreRefusedNotIgnored() {
        assertErrorStartsWith("workers[0].transports[0].options.allowed_origins: not supported by Switchboard:"
                + " restricting WebSocket origins", router("{\"type\": \"websocket\", \"endpoint\": {\"type\": \"tcp\","
                + " \"port\": 1}, \"options\": {\"allowed_origins\": [\"https://example.com\"]}}", ""));
        assertEquals(List.of(), errors(router("{\"type\": \"websocket\", \"endpoint\": {\"type\": \"tcp\","
                + " \"port\": 1}, \"options\": {\"allowed_origins\": [\"*\"]}}", "")));
    }
}
