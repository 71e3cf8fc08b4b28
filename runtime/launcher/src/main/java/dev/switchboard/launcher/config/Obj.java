package dev.switchboard.launcher.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JSON object of config.json at its path, with typed getters that report what is wrong in the form
 * {@code path: expected ..., got ...} and return {@code null} (the caller goes on, so that one run names every
 * problem).
 */
record Obj(JsonObject json, String path, Problems problems) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    static String child(String parent, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return parent.isEmpty() ? key : parent + "." + key;
        }
        return parent + "[" + new JsonPrimitive(key) + "]";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** How a value is shown after "got": strings quoted, objects and arrays by kind. */
    static String describe(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        return value.toString();
    }

    String at(String key) {
        return child(path, key);
    }

    boolean has(String key) {
        return json.has(key);
    }

    JsonElement raw(String key) {
        return json.get(key);
    }

    void check(Keys keys) {
        keys.check(this);
    }

    private void missing(String key, String expected) {
        problems.error(at(key), "missing (expected " + expected + ")");
    }

    private void wrong(String key, String expected, JsonElement got) {
        problems.error(at(key), "expected " + expected + ", got " + describe(got));
    }

    /** A non-empty string. */
    String string(String key, boolean required) {
        JsonElement value = json.get(key);
        if (value == null) {
            if (required) {
                missing(key, "a string");
            }
            return null;
        }
        if (!isString(value) || value.getAsString().isBlank()) {
            wrong(key, "a non-empty string", value);
            return null;
        }
        return value.getAsString();
    }

    /** One of {@code values}, or {@code fallback} when absent. */
    String oneOf(String key, List<String> values, String fallback) {
        JsonElement value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (!isString(value) || !values.contains(value.getAsString())) {
            wrong(key, "one of " + quoted(values), value);
            return null;
        }
        return value.getAsString();
    }

    /** A whole number in {@code [min, max]} written as one (8080, not 8080.0 or "8080"). */
    Long integer(String key, long min, long max, boolean required) {
        JsonElement value = json.get(key);
        String expected = "an integer from " + min + " to " + max;
        if (value == null) {
            if (required) {
                missing(key, expected);
            }
            return null;
        }
        Long number = wholeNumber(value);
        if (number == null || number < min || number > max) {
            wrong(key, expected, value);
            return null;
        }
        return number;
    }

    static Long wholeNumber(JsonElement value) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        String text = value.getAsString();
        if (text.contains(".") || text.contains("e") || text.contains("E")) {
            return null;
        }
        try {
            return new BigDecimal(text).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    Boolean bool(String key) {
        JsonElement value = json.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            wrong(key, "true or false", value);
            return null;
        }
        return value.getAsBoolean();
    }

    Obj object(String key, boolean required) {
        JsonElement value = json.get(key);
        if (value == null) {
            if (required) {
                missing(key, "an object");
            }
            return null;
        }
        if (!value.isJsonObject()) {
            wrong(key, "an object", value);
            return null;
        }
        return new Obj(value.getAsJsonObject(), at(key), problems);
    }

    JsonArray array(String key, boolean required) {
        JsonElement value = json.get(key);
        if (value == null) {
            if (required) {
                missing(key, "an array");
            }
            return null;
        }
        if (!value.isJsonArray()) {
            wrong(key, "an array", value);
            return null;
        }
        return value.getAsJsonArray();
    }

    /** An array of objects; elements that are not objects are reported and skipped. */
    List<Obj> objects(String key, boolean required) {
        List<Obj> objects = new ArrayList<>();
        JsonArray array = array(key, required);
        if (array == null) {
            return objects;
        }
        for (int i = 0; i < array.size(); i++) {
            String elementPath = index(at(key), i);
            if (array.get(i).isJsonObject()) {
                objects.add(new Obj(array.get(i).getAsJsonObject(), elementPath, problems));
            } else {
                problems.error(elementPath, "expected an object, got " + describe(array.get(i)));
            }
        }
        return objects;
    }

    /** An array of non-empty strings; {@code null} when absent or wrong. */
    List<String> strings(String key, boolean required) {
        JsonArray array = array(key, required);
        if (array == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonElement element = array.get(i);
            if (!isString(element) || element.getAsString().isBlank()) {
                problems.error(index(at(key), i), "expected a non-empty string, got " + describe(element));
                return null;
            }
            strings.add(element.getAsString());
        }
        return strings;
    }

    static boolean isString(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    static String quoted(List<String> values) {
        List<String> quoted = values.stream().map(value -> new JsonPrimitive(value).toString()).toList();
        return String.join(", ", quoted);
    }
}
