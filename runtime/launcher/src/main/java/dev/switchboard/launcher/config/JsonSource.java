package dev.switchboard.launcher.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads config.json as strict JSON (no comments, no trailing commas: what Crossbar's {@code json.load} accepts) into
 * a Gson tree, and refuses a key given twice in one object, which Gson would otherwise let the last one win
 * silently. Numbers keep their text, so that {@code 8080.0} can be told from {@code 8080}.
 */
public final class JsonSource {

    private JsonSource() {
    }

    /**
     * @throws IllegalArgumentException with a message naming the line, column and JSON path of the problem
     */
    public static JsonElement parse(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("more than one JSON value " + where(reader));
            }
            return root;
        } catch (IOException | IllegalStateException e) {
            // MalformedJsonException and Gson's own messages say "at line L column C path $.x"
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static JsonElement read(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) {
                        throw new IllegalArgumentException("duplicate key \"" + name + "\" " + where(reader));
                    }
                    object.add(name, read(reader));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new IllegalArgumentException("unexpected " + reader.peek() + " " + where(reader));
        }
    }

    private static String where(JsonReader reader) {
        // JsonReader.toString() is "JsonReader at line L column C path $.x"
        String text = reader.toString();
        int at = text.indexOf(" at line ");
        return at < 0 ? "" : text.substring(at + 1);
    }
}
