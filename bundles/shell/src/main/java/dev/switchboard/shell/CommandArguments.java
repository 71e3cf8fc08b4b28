package dev.switchboard.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.uri.Uris;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what an operator typed into what the router takes, with messages that say what was expected. */
final class CommandArguments {

    /** Trailing tokens fail: {@code 12abc} is the string "12abc", not 12 and garbage. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CommandArguments() {
    }

    /**
     * A call or publish argument: JSON when the text parses as JSON ({@code 42}, {@code true}, {@code "x"},
     * {@code [1,2]}, {@code {"a":1}}), else the text itself as a string ({@code hello}).
     */
    static Object payloadValue(String text) {
        if (text == null) {
            return null; // Gogo turns a bare null into null already
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    static List<Object> payload(String[] texts) {
        List<Object> args = new ArrayList<>();
        if (texts != null) {
            for (String text : texts) {
                args.add(payloadValue(text));
            }
        }
        return args;
    }

    /** {@code -k '{"a":1}'}: must be a JSON object; empty when not given. */
    static Map<String, Object> keywordArguments(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("keyword arguments must be a JSON object such as '{\"name\":1}'"
                    + " (quote it for the shell), got: " + text);
        }
    }

    /** A WAMP id as typed: whole, positive, at most 2^53 (WAMP spec, section "IDs"). */
    static long sessionId(String text) {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0 && id <= 1L << 53) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a session id is a whole number from 1 to 2^53, got '" + text + "'");
    }

    /** A GOODBYE reason must be a URI, e.g. {@code wamp.close.killed}. */
    static String closeReason(String text) {
        if (text == null || text.isBlank()) {
            return null; // the router's default, wamp.close.killed
        }
        if (!Uris.isValid(text, false, false)) {
            throw new IllegalArgumentException("a reason is a URI such as wamp.close.killed, got '" + text + "'");
        }
        return text;
    }

    static String uri(String what, String text) {
        if (text == null || !Uris.isValid(text, false, false)) {
            throw new IllegalArgumentException(what + " must be a URI such as com.example.add, got '" + text + "'");
        }
        return text;
    }

    static int timeoutSeconds(String text) {
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a timeout is a whole number of seconds above 0, got '" + text + "'");
    }
}
