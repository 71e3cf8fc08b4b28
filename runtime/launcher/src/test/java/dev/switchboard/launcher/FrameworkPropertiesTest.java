package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

class FrameworkPropertiesTest {

    @TempDir
    Path directory;

    private Map<String, String> properties(boolean interactive) throws LauncherException {
        NodeLayout layout = new NodeLayout(directory);
        return FrameworkProperties.of(layout, StartPlan.of(List.of(), layout, Placeholders.defaultsOnly()),
                interactive);
    }

    @Test
    void theCacheIsUnderDataAndCleanedAtEachStart() throws LauncherException {
        Map<String, String> properties = properties(false);
        assertEquals(directory.resolve("data/felix-cache").toString(), properties.get(Constants.FRAMEWORK_STORAGE));
        assertEquals("onFirstInit", properties.get(Constants.FRAMEWORK_STORAGE_CLEAN));
        assertEquals("10", properties.get(Constants.FRAMEWORK_BEGINNING_STARTLEVEL));
    }

    @Test
    void fileInstallWatchesDeploy() throws LauncherException {
        Map<String, String> properties = properties(false);
        assertEquals(directory.resolve("deploy").toString(), properties.get("felix.fileinstall.dir"));
        assertEquals("500", properties.get("felix.fileinstall.poll"));
        assertEquals("true", properties.get("felix.fileinstall.noInitialDelay"));
        assertFalse("README.md".matches(properties.get("felix.fileinstall.filter")));
        assertTrue("x.jar".matches(properties.get("felix.fileinstall.filter")));
        assertTrue("dev.switchboard.realm-realm2.cfg".matches(properties.get("felix.fileinstall.filter")));
        assertEquals("managed", properties.get("felix.fileinstall.optionalImportRefreshScope"));
    }

    @Test
    void gogoReadsStdinOnlyAtATerminal() throws LauncherException {
        assertEquals("--nointeractive", properties(false).get("gosh.args"));
        assertEquals("", properties(true).get("gosh.args"));
    }

    @Test
    void aSystemPropertyOverridesADefault() throws LauncherException {
        System.setProperty("felix.fileinstall.poll", "2000");
        try {
            assertEquals("2000", properties(false).get("felix.fileinstall.poll"));
        } finally {
            System.clearProperty("felix.fileinstall.poll");
        }
    }

    /** Guards the version the system bundle exports: it must be the one in the cm jar on the class path. */
    @Test
    void theExportedCmVersionIsTheJarsVersion() throws IOException, URISyntaxException, LauncherException {
        Path jar = Path.of(ConfigurationAdmin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            String exports = file.getManifest().getMainAttributes().getValue("Export-Package");
            assertTrue(exports.contains("org.osgi.service.cm;version=\"" + FrameworkProperties.CM_PACKAGE_VERSION + "\""),
                    exports);
        }
        assertTrue(properties(false).get(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA)
                .contains("org.osgi.service.cm;version=" + FrameworkProperties.CM_PACKAGE_VERSION));
    }
}
