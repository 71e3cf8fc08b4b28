package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.Feature.FeatureConfiguration;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FeatureReaderTest {

    private static final Path SOURCE = Path.of("features/websocket.json");

    private static Feature parse(String json) throws LauncherException {
        return FeatureReader.parse(SOURCE, json);
    }

    private static String failure(String json) {
        return assertThrows(LauncherException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsAFeatureAsTheSpecWritesIt() throws LauncherException {
        Feature feature = parse("""
                {
                  "feature-resource-version": "1.0",
                  "id": "dev.switchboard:switchboard-websocket:osgifeature:0.1.0",
                  "name": "websocket",
                  "description": "WAMP over WebSocket",
                  // the spec allows comments
                  "bundles": [
                    {"id": "org.eclipse.jetty:jetty-util:12.1.14", "start-order": 5},
                    "dev.switchboard:switchboard-transport-websocket:0.1.0"
                  ],
                  "configurations": {
                    "dev.switchboard.transport.websocket~default": {
                      "name": "websocket", "port:Integer": "${switchboard.websocket.port:-8080}",
                      "maxMessageSize": 1048576, "tls": false, "paths": ["/ws", "/wamp"]
                    },
                    "org.example.singleton": {}
                  },
                  "extensions": {"ignored": true}
                }
                """);
        assertEquals("websocket", feature.name());
        assertEquals("dev.switchboard:switchboard-websocket:osgifeature:0.1.0", feature.id());
        assertEquals("feature websocket.json", feature.label());
        assertEquals(2, feature.bundles().size());
        assertEquals(ArtifactId.parse("org.eclipse.jetty:jetty-util:12.1.14"), feature.bundles().get(0).id());
        assertEquals(OptionalInt.of(5), feature.bundles().get(0).startOrder());
        assertEquals(OptionalInt.empty(), feature.bundles().get(1).startOrder());

        FeatureConfiguration transport = feature.configurations().get(0);
        assertEquals("dev.switchboard.transport.websocket~default", transport.pid());
        assertEquals("dev.switchboard.transport.websocket", transport.factoryPid());
        assertEquals("default", transport.name());
        assertTrue(transport.isFactory());
        assertEquals("${switchboard.websocket.port:-8080}", transport.properties().get("port:Integer"));
        assertEquals(new BigDecimal("1048576"), transport.properties().get("maxMessageSize"));
        assertEquals(false, transport.properties().get("tls"));
        assertEquals(List.of("/ws", "/wamp"), transport.properties().get("paths"));

        FeatureConfiguration singleton = feature.configurations().get(1);
        assertNull(singleton.factoryPid());
        assertNull(singleton.name());
        assertEquals("org.example.singleton", singleton.pid());
    }

    @Test
    void startOrderMayBeWrittenAsAString() throws LauncherException {
        Feature feature = parse("{\"id\": \"g:a:osgifeature:1\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": \"3\"}]}");
        assertEquals(OptionalInt.of(3), feature.bundles().get(0).startOrder());
    }

    @Test
    void anEmptyFeatureIsFine() throws LauncherException {
        Feature feature = parse("{\"id\": \"g:a:osgifeature:1\"}");
        assertTrue(feature.bundles().isEmpty());
        assertTrue(feature.configurations().isEmpty());
    }

    @Test
    void errorsNameTheFileAndThePlace() {
        assertEquals("feature websocket.json has no \"id\"", failure("{\"bundles\": []}"));
        assertEquals("feature websocket.json, bundles[1]: 'g:a' is not groupId:artifactId[:type[:classifier]]:version",
                failure("{\"id\": \"f\", \"bundles\": [\"g:a:1\", \"g:a\"]}"));
        assertEquals("feature websocket.json, bundles[0]: \"start-order\" must be a whole number >= 1, got 0",
                failure("{\"id\": \"f\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": 0}]}"));
        assertEquals("feature websocket.json, bundles[0] has no \"id\"",
                failure("{\"id\": \"f\", \"bundles\": [{\"start-order\": 1}]}"));
        assertEquals("feature websocket.json: \"bundles\" must be an array", failure("{\"id\": \"f\", \"bundles\": {}}"));
    }

    @Test
    void aTrailingCommaIsNotReadAsAnEmptyBundle() {
        // Gson's lenient mode reads [a,] as [a, null]: it must fail, naming the place, not install "null".
        assertTrue(failure("{\"id\": \"f\", \"bundles\": [\"g:a:1\",]}").startsWith("feature websocket.json, bundles[1]"));
    }

    @Test
    void invalidJsonSaysSo() {
        assertTrue(failure("{\"id\": ").startsWith("feature websocket.json is not valid JSON"));
        assertEquals("feature websocket.json must be a JSON object", failure("[]"));
    }

    @Test
    void onlyVersionOneOfTheFormatIsRead() {
        assertTrue(failure("{\"feature-resource-version\": \"2.0\", \"id\": \"f\"}").contains("2.0 is not supported"));
    }

    @Test
    void configurationKeysAndValuesAreChecked() {
        assertTrue(failure("{\"id\": \"f\", \"configurations\": {\"~x\": {}}}").contains("\"pid\" or \"factoryPid~name\""));
        assertTrue(failure("{\"id\": \"f\", \"configurations\": {\"p~\": {}}}").contains("\"pid\" or \"factoryPid~name\""));
        assertEquals("feature websocket.json, configuration p, property a: configuration values are strings, numbers,"
                + " booleans or arrays of those, not null",
                failure("{\"id\": \"f\", \"configurations\": {\"p\": {\"a\": null}}}"));
        assertTrue(failure("{\"id\": \"f\", \"configurations\": {\"p\": {\"a\": {\"b\": 1}}}}").endsWith("not objects"));
        assertTrue(failure("{\"id\": \"f\", \"configurations\": {\"p\": {\"a\": [[1]]}}}")
                .contains("arrays may hold strings, numbers and booleans only"));
    }
}
