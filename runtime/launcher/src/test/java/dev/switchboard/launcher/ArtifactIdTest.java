package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactIdTest {

    @Test
    void groupArtifactVersionIsAJar() {
        ArtifactId id = ArtifactId.parse("org.slf4j:slf4j-api:2.0.17");
        assertEquals(new ArtifactId("org.slf4j", "slf4j-api", "jar", null, "2.0.17"), id);
        assertEquals(Path.of("org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"), id.repositoryPath());
    }

    @Test
    void typeAndClassifierNameTheFileAsMavenDoes() {
        ArtifactId id = ArtifactId.parse("org.apache.felix:org.apache.felix.http.jetty12:jar:light:1.1.8");
        assertEquals("light", id.classifier());
        assertEquals(Path.of("org/apache/felix/org.apache.felix.http.jetty12/1.1.8/"
                + "org.apache.felix.http.jetty12-1.1.8-light.jar"), id.repositoryPath());
    }

    @Test
    void aTypeWithoutClassifierChangesTheExtension() {
        ArtifactId id = ArtifactId.parse("g.h:a:zip:1.0");
        assertNull(id.classifier());
        assertEquals(Path.of("g/h/a/1.0/a-1.0.zip"), id.repositoryPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"g:a:1", "g:a:zip:1", "g:a:jar:light:1", "g:a:1.0-SNAPSHOT"})
    void toStringGivesBackTheSpecForm(String text) {
        assertEquals(text, ArtifactId.parse(text).toString());
    }

    @Test
    void aSnapshotKeepsItsVersionInThePath() {
        assertEquals(Path.of("dev/switchboard/switchboard-router/0.1.0-SNAPSHOT/switchboard-router-0.1.0-SNAPSHOT.jar"),
                ArtifactId.parse("dev.switchboard:switchboard-router:0.1.0-SNAPSHOT").repositoryPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"g:a", "g:a:b:c:d:1", "g::1", ":a:1", "g:a:", "g:../..:1", "g:a/b:1", "g:a:..", "g: a:1"})
    void malformedIdsAreRefusedWithTheIdInTheMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
