package dev.switchboard.launcher;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns a feature's configuration properties into the typed values Configuration Admin stores. Types follow the
 * OSGi Configurator spec (chapter 150.4), which the Feature spec reuses: a key may carry a type, {@code "port:Integer"};
 * without one a JSON string stays a String, a whole number becomes a Long, a fraction a Double, a boolean a Boolean and
 * an array an array of its element type. The type matters for values written as placeholders, which are strings in
 * JSON: {@code "port:Integer": "${switchboard.websocket.port:-8080}"} stores Integer 8080.
 */
public final class ConfigurationValues {

    private static final Map<String, Function<String, Object>> SCALARS = Map.of(
            "String", text -> text,
            "Integer", Integer::valueOf,
            "Long", Long::valueOf,
            "Short", Short::valueOf,
            "Byte", Byte::valueOf,
            "Double", Double::valueOf,
            "Float", Float::valueOf,
            "Boolean", ConfigurationValues::parseBoolean,
            "Character", ConfigurationValues::parseCharacter);

    private static final Map<String, Class<?>> CLASSES = Map.of(
            "String", String.class, "Integer", Integer.class, "Long", Long.class, "Short", Short.class,
            "Byte", Byte.class, "Double", Double.class, "Float", Float.class, "Boolean", Boolean.class,
            "Character", Character.class);

    private ConfigurationValues() {
    }

    /**
     * @param where for messages: the feature and configuration
     * @throws LauncherException naming the property when a placeholder is unset or a value does not fit its type
     */
    public static Dictionary<String, Object> toProperties(Map<String, Object> raw, Placeholders placeholders,
            String where) throws LauncherException {
        Dictionary<String, Object> properties = new Hashtable<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String key = entry.getKey();
            int colon = key.lastIndexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            String type = colon < 0 ? null : key.substring(colon + 1).trim();
            try {
                properties.put(name, type == null ? untyped(entry.getValue(), placeholders)
                        : typed(entry.getValue(), type, placeholders));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new LauncherException(where + ", property " + key + ": " + e.getMessage());
            }
        }
        return properties;
    }

    private static Object untyped(Object value, Placeholders placeholders) {
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(untyped(element, placeholders));
            }
            Class<?> type = elements.isEmpty() ? String.class : elements.get(0).getClass();
            if (elements.stream().anyMatch(element -> element.getClass() != type)) {
                throw new IllegalArgumentException("an array without a type must hold one kind of value;"
                        + " give the key a type such as :String[]");
            }
            return toArray(elements, type);
        }
        if (value instanceof BigDecimal number) {
            return number.scale() == 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
        }
        return value instanceof String text ? placeholders.resolve(text) : value;
    }

    private static Object typed(Object value, String type, Placeholders placeholders) {
        String elementType = elementType(type);
        if (elementType == null) {
            if (value instanceof List) {
                throw new IllegalArgumentException("an array given for type " + type);
            }
            return scalar(value, type, placeholders);
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("type " + type + " needs a JSON array");
        }
        List<Object> elements = new ArrayList<>();
        for (Object element : list) {
            elements.add(scalar(element, elementType, placeholders));
        }
        return type.startsWith("Collection<") ? List.copyOf(elements) : toArray(elements, CLASSES.get(elementType));
    }

    /** {@code String[]} and {@code Collection<String>} name their element type; scalars return null. */
    private static String elementType(String type) {
        if (type.endsWith("[]")) {
            return type.substring(0, type.length() - 2);
        }
        if (type.startsWith("Collection<") && type.endsWith(">")) {
            return type.substring("Collection<".length(), type.length() - 1);
        }
        return null;
    }

    private static Object scalar(Object value, String type, Placeholders placeholders) {
        Function<String, Object> parser = SCALARS.get(type);
        if (parser == null) {
            throw new IllegalArgumentException("unknown type '" + type + "'; known: " + String.join(", ",
                    new TreeSet<>(SCALARS.keySet())) + ", as T, T[] or Collection<T>");
        }
        String text = value instanceof BigDecimal number ? number.toPlainString()
                : value instanceof String string ? placeholders.resolve(string) : String.valueOf(value);
        try {
            return parser.apply(type.equals("String") ? text : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + type);
        }
    }

    private static Object toArray(List<Object> elements, Class<?> type) {
        Object array = Array.newInstance(type, elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Array.set(array, i, elements.get(i));
        }
        return array;
    }

    private static Object parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not a Boolean (true or false)");
        };
    }

    private static Object parseCharacter(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("'" + text + "' is not a single Character");
        }
        return text.charAt(0);
    }
}
