package dev.switchboard.launcher;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@code ${name}} and {@code ${name:-default}} in configuration values, shell style: a Java system
 * property {@code name} wins, then an environment variable {@code name}, then one in upper case with every other
 * character turned into {@code _} ({@code switchboard.websocket.port} → {@code SWITCHBOARD_WEBSOCKET_PORT}, as
 * environment variables cannot hold dots), then the default. No default and nothing set is an error: a node must not
 * start with a half-written configuration. No nesting, no escapes: a value that needs a literal {@code ${} is not
 * expected in a router configuration.
 */
public final class Placeholders {

    private final Function<String, Optional<String>> lookup;

    public Placeholders(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** System properties, then the environment. */
    public static Placeholders fromSystem() {
        return new Placeholders(name -> Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(name)))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(name)))));
    }

    /** Nothing set: every placeholder takes its default; used by the build's check. */
    public static Placeholders defaultsOnly() {
        return new Placeholders(name -> Optional.empty());
    }

    static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    public String resolve(String text) {
        StringBuilder result = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                return result.append(text, from, text.length()).toString();
            }
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw new IllegalArgumentException("'" + text + "' has a '${' without its '}'");
            }
            result.append(text, from, start).append(valueOf(text.substring(start + 2, end)));
            from = end + 1;
        }
    }

    private String valueOf(String expression) {
        int separator = expression.indexOf(":-");
        String name = (separator < 0 ? expression : expression.substring(0, separator)).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'${" + expression + "}' has no name");
        }
        Optional<String> value = lookup.apply(name);
        if (value.isPresent()) {
            return value.get();
        }
        if (separator >= 0) {
            return expression.substring(separator + 2);
        }
        throw new IllegalArgumentException("${" + name + "} is not set: pass -D" + name + "=... in SWITCHBOARD_OPTS"
                + " or set the environment variable " + environmentName(name) + ", or give a default as ${"
                + name + ":-value}");
    }
}
