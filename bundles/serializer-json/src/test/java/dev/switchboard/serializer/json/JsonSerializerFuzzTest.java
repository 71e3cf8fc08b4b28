package dev.switchboard.serializer.json;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.SerializerFuzzContract;
import dev.switchboard.serializer.fuzz.ValueProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The fuzz properties of {@link SerializerFuzzContract} for {@code wamp.2.json}. */
class JsonSerializerFuzzTest extends SerializerFuzzContract {

    private static final JsonSerializer SERIALIZER = new JsonSerializer();

    /** JSON tokens, escapes, number edges and UTF-8 edge bytes. */
    private static final List<byte[]> DICTIONARY = dictionary(
            List.of("[", "]", "{", "}", ",", ":", "\"", "\\", " ", "\t", "\n", "\"a\"", "\"k\":", "null", "true", "false",
                    "{}", "[]", "0", "1", "-1", "-0", "1.5", "1e400", "-1e400", "1e-400", "2E+10", "9223372036854775807",
                    "9223372036854775808", "-9223372036854775809", "18446744073709551616", "9007199254740993",
                    "\"\\u0000QUJD\"", "\"\\u0000\"", "\"\\u0000***\"", "\\u0000", "\"\\ud800\"", "\"\\udc00\"",
                    "\\ud83d\\ude00", "\\ud83d", "\\u", "\\x", "\"\\\"\"", "NaN", "Infinity", "[1,\"r\",{}]",
                    "[48,1,{},\"p\",[],{}]", "[16,1,{},\"t\",[1]]", "{\"a\":1,\"a\":2}", "/*", "//",
                    "1".repeat(99), "1".repeat(101), "0." + "1".repeat(120), "[".repeat(70), "{\"a\":".repeat(70)),
            "c3a9", "c3", "eda080", "f4908080", "ff", "fe", "c0af", "efbfbd", "f09f9880", "e282ac", "00");

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }

    @Override
    protected ValueProfile profile() {
        return ValueProfile.JSON;
    }

    @Override
    protected List<byte[]> dictionary() {
        return DICTIONARY;
    }

    private static List<byte[]> dictionary(List<String> texts, String... hex) {
        List<byte[]> tokens = new ArrayList<>();
        texts.forEach(t -> tokens.add(t.getBytes(StandardCharsets.UTF_8)));
        tokens.addAll(hexTokens(hex));
        return List.copyOf(tokens);
    }
}
