package dev.switchboard.launcher;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.switchboard.launcher.Feature.FeatureBundle;
import dev.switchboard.launcher.Feature.FeatureConfiguration;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads an OSGi Feature file (Feature Service spec, chapter 159): {@code id}, {@code name}, {@code description},
 * {@code bundles} (strings or objects with {@code id} and {@code start-order}) and {@code configurations}. Other
 * keys (variables, extensions, ...) are not used by this launcher and are ignored. Comments are allowed, as the spec
 * allows them.
 */
public final class FeatureReader {

    private FeatureReader() {
    }

    public static Feature read(Path file) throws LauncherException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(file, reader);
        } catch (IOException e) {
            throw new LauncherException("cannot read " + file + ": " + e);
        }
    }

    static Feature parse(Path source, String json) throws LauncherException {
        return parse(source, new StringReader(json));
    }

    private static Feature parse(Path source, Reader json) throws LauncherException {
        String where = "feature " + source.getFileName();
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(json);
            // Lenient for the spec's comments; Gson's JsonParser reads lenient anyway, say so explicitly.
            reader.setStrictness(Strictness.LENIENT);
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new LauncherException(where + " is not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new LauncherException(where + " must be a JSON object");
        }
        JsonObject object = root.getAsJsonObject();
        String version = optionalString(object, "feature-resource-version", where);
        if (version != null && !version.equals("1.0")) {
            throw new LauncherException(where + ": feature-resource-version " + version + " is not supported (1.0)");
        }
        String id = optionalString(object, "id", where);
        if (id == null) {
            throw new LauncherException(where + " has no \"id\"");
        }
        return new Feature(id, optionalString(object, "name", where), optionalString(object, "description", where),
                source, bundles(object, where), configurations(object, where));
    }

    private static List<FeatureBundle> bundles(JsonObject feature, String where) throws LauncherException {
        List<FeatureBundle> bundles = new ArrayList<>();
        JsonElement element = feature.get("bundles");
        if (element == null) {
            return bundles;
        }
        if (!element.isJsonArray()) {
            throw new LauncherException(where + ": \"bundles\" must be an array");
        }
        JsonArray array = element.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            String at = where + ", bundles[" + i + "]";
            JsonElement entry = array.get(i);
            if (isString(entry)) {
                bundles.add(new FeatureBundle(artifact(entry.getAsString(), at), OptionalInt.empty()));
            } else if (entry.isJsonObject()) {
                String id = optionalString(entry.getAsJsonObject(), "id", at);
                if (id == null) {
                    throw new LauncherException(at + " has no \"id\"");
                }
                bundles.add(new FeatureBundle(artifact(id, at), startOrder(entry.getAsJsonObject(), at)));
            } else {
                throw new LauncherException(at + " must be \"g:a:v\" or {\"id\": \"g:a:v\", ...}");
            }
        }
        return bundles;
    }

    private static ArtifactId artifact(String id, String at) throws LauncherException {
        try {
            return ArtifactId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new LauncherException(at + ": " + e.getMessage());
        }
    }

    private static OptionalInt startOrder(JsonObject bundle, String at) throws LauncherException {
        JsonElement value = bundle.get("start-order");
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            // The spec's examples write it as a number, some tools as a string: take both.
            int order = value.isJsonPrimitive() ? new BigDecimal(value.getAsString()).intValueExact() : 0;
            if (order >= 1) {
                return OptionalInt.of(order);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new LauncherException(at + ": \"start-order\" must be a whole number >= 1, got " + value);
    }

    private static List<FeatureConfiguration> configurations(JsonObject feature, String where)
            throws LauncherException {
        List<FeatureConfiguration> configurations = new ArrayList<>();
        JsonElement element = feature.get("configurations");
        if (element == null) {
            return configurations;
        }
        if (!element.isJsonObject()) {
            throw new LauncherException(where + ": \"configurations\" must be an object");
        }
        for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
            String key = entry.getKey();
            String at = where + ", configuration " + key;
            if (!entry.getValue().isJsonObject()) {
                throw new LauncherException(at + " must be an object of properties");
            }
            int tilde = key.indexOf('~');
            if (key.isBlank() || tilde == 0 || tilde == key.length() - 1) {
                throw new LauncherException(at + ": the key must be \"pid\" or \"factoryPid~name\"");
            }
            String factoryPid = tilde < 0 ? null : key.substring(0, tilde);
            String name = tilde < 0 ? null : key.substring(tilde + 1);
            configurations.add(new FeatureConfiguration(key, factoryPid, name,
                    properties(entry.getValue().getAsJsonObject(), at)));
        }
        return configurations;
    }

    private static Map<String, Object> properties(JsonObject json, String at) throws LauncherException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            properties.put(entry.getKey(), value(entry.getValue(), at + ", property " + entry.getKey()));
        }
        return properties;
    }

    /** JSON to plain Java: String, BigDecimal (typed later), Boolean, or a List of those. */
    private static Object value(JsonElement json, String at) throws LauncherException {
        if (json.isJsonPrimitive()) {
            JsonPrimitive primitive = json.getAsJsonPrimitive();
            if (primitive.isBoolean()) {
                return primitive.getAsBoolean();
            }
            return primitive.isNumber() ? primitive.getAsBigDecimal() : primitive.getAsString();
        }
        if (json.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement element : json.getAsJsonArray()) {
                if (!element.isJsonPrimitive()) {
                    throw new LauncherException(at + ": arrays may hold strings, numbers and booleans only");
                }
                list.add(value(element, at));
            }
            return list;
        }
        throw new LauncherException(at + ": configuration values are strings, numbers, booleans or arrays of"
                + " those, not " + (json.isJsonNull() ? "null" : "objects"));
    }

    private static String optionalString(JsonObject object, String key, String where) throws LauncherException {
        JsonElement value = object.get(key);
        if (value == null) {
            return null;
        }
        if (!isString(value)) {
            throw new LauncherException(where + ": \"" + key + "\" must be a string");
        }
        return value.getAsString();
    }

    private static boolean isString(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
    }
}
