package dev.switchboard.api.uri;

/**
 * URI checks from the WAMP spec (basic/building_blocks, "Relaxed/Loose URIs" and "Strict URIs"), written as
 * loops instead of regular expressions because they run for every routed message.
 */
public final class Uris {
    private Uris() {}

    /**
     * Whether {@code uri} is a valid URI.
     *
     * @param strict           components of lower-case letters, digits and {@code _} only; otherwise any
     *                         characters but whitespace, {@code .} and {@code #}
     * @param allowEmptyParts  empty components, as in prefix and wildcard patterns ({@code com..update})
     */
    public static boolean isValid(String uri, boolean strict, boolean allowEmptyParts) {
        if (uri == null) {
            return false;
        }
        int n = uri.length();
        if (n == 0) {
            return allowEmptyParts; // the empty prefix pattern matches everything
        }
        boolean componentEmpty = true;
        for (int i = 0; i < n; i++) {
            char c = uri.charAt(i);
            if (c == '.') {
                if (componentEmpty && !allowEmptyParts) {
                    return false;
                }
                componentEmpty = true;
            } else if (strict ? isStrictChar(c) : isLooseChar(c)) {
                componentEmpty = false;
            } else {
                return false;
            }
        }
        return !componentEmpty || allowEmptyParts;
    }

    private static boolean isStrictChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isLooseChar(char c) {
        return c != '#' && !Character.isWhitespace(c) && !Character.isSpaceChar(c);
    }

    /** URIs starting with {@code wamp.} belong to the router (meta API, errors); clients may not claim them. */
    public static boolean isReserved(String uri) {
        return uri.startsWith("wamp.");
    }
}
