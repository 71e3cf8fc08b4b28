package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationValuesTest {

    private final Placeholders placeholders = new Placeholders(
            name -> name.equals("switchboard.websocket.port") ? Optional.of("9090") : Optional.empty());

    private Dictionary<String, Object> convert(Map<String, Object> raw) throws LauncherException {
        return ConfigurationValues.toProperties(raw, placeholders, "feature websocket.json, configuration x");
    }

    private Object convertOne(String key, Object value) throws LauncherException {
        Dictionary<String, Object> properties = convert(Map.of(key, value));
        return properties.get(key.contains(":") ? key.substring(0, key.lastIndexOf(':')) : key);
    }

    @Test
    void untypedValuesFollowTheConfiguratorRules() throws LauncherException {
        assertEquals("realm1", convertOne("name", "realm1"));
        assertEquals(8080L, convertOne("port", new BigDecimal("8080")));
        assertEquals(1.5, convertOne("ratio", new BigDecimal("1.5")));
        assertEquals(Boolean.TRUE, convertOne("enabled", true));
    }

    @Test
    void aTypedPlaceholderBecomesTheType() throws LauncherException {
        Object port = convertOne("port:Integer", "${switchboard.websocket.port:-8080}");
        assertEquals(Integer.valueOf(9090), port);
        assertEquals(Integer.valueOf(8080), convertOne("port:Integer", "${other.port:-8080}"));
    }

    @Test
    void aTypedNumberBecomesTheType() throws LauncherException {
        assertEquals(Integer.valueOf(8080), convertOne("port:Integer", new BigDecimal("8080")));
        assertEquals(Long.valueOf(8388608L), convertOne("maxPendingBytes:Long", "8388608"));
        assertEquals(Boolean.FALSE, convertOne("on:Boolean", "${unset:-false}"));
        assertEquals('x', convertOne("c:Character", "x"));
    }

    @Test
    void placeholdersResolveInUntypedStrings() throws LauncherException {
        assertEquals("ws://127.0.0.1:9090/ws", convertOne("url", "ws://127.0.0.1:${switchboard.websocket.port}/ws"));
    }

    @Test
    void arraysTakeTheirElementType() throws LauncherException {
        assertArrayEquals(new String[] {"a", "b"}, (String[]) convertOne("names", List.of("a", "b")));
        assertArrayEquals(new Long[] {1L, 2L},
                (Long[]) convertOne("numbers", List.of(new BigDecimal("1"), new BigDecimal("2"))));
        assertArrayEquals(new Integer[] {9090, 1},
                (Integer[]) convertOne("ports:Integer[]", List.of("${switchboard.websocket.port}", "1")));
        assertEquals(List.of("a", "b"), convertOne("names:Collection<String>", List.of("a", "b")));
        assertArrayEquals(new String[0], (String[]) convertOne("none", List.of()));
    }

    @Test
    void aValueThatDoesNotFitItsTypeNamesFeatureConfigurationAndProperty() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> convertOne("port:Integer", "${unset:-eighty}"));
        assertEquals("feature websocket.json, configuration x, property port:Integer: 'eighty' is not a Integer",
                e.getMessage());
    }

    @Test
    void aWholeNumberTooLargeForItsTypeIsRefused() {
        assertThrows(LauncherException.class, () -> convertOne("port:Integer", new BigDecimal("99999999999")));
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        LauncherException e = assertThrows(LauncherException.class, () -> convertOne("port:Int", "1"));
        assertTrue(e.getMessage().contains("unknown type 'Int'"), e.getMessage());
        assertTrue(e.getMessage().contains("Integer"), e.getMessage());
    }

    @Test
    void mixedUntypedArraysNeedAType() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> convertOne("mixed", List.of("a", new BigDecimal("1"))));
        assertTrue(e.getMessage().contains(":String[]"), e.getMessage());
    }

    @Test
    void anArrayTypeNeedsAnArray() {
        assertThrows(LauncherException.class, () -> convertOne("names:String[]", "a"));
        assertThrows(LauncherException.class, () -> convertOne("name:String", List.of("a")));
    }

    @Test
    void anUnsetPlaceholderNamesTheProperty() {
        LauncherException e = assertThrows(LauncherException.class, () -> convertOne("secret", "${secret}"));
        assertTrue(e.getMessage().startsWith("feature websocket.json, configuration x, property secret: ${secret}"),
                e.getMessage());
    }

    @Test
    void everyPropertyIsConverted() throws LauncherException {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", "websocket");
        raw.put("host", "${switchboard.websocket.host:-127.0.0.1}");
        raw.put("port:Integer", "${switchboard.websocket.port:-8080}");
        Dictionary<String, Object> properties = convert(raw);
        assertEquals(3, properties.size());
        assertEquals("127.0.0.1", properties.get("host"));
        assertEquals(9090, properties.get("port"));
    }
}
