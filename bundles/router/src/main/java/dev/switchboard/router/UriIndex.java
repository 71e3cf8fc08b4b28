package dev.switchboard.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Topics or procedures indexed by URI and match policy. Exact URIs are a hash lookup; prefix patterns live in a
 * character trie (WAMP prefix matching is on characters: {@code com.app} matches {@code com.app2}); wildcard
 * patterns live in a trie of URI components with one "any" edge per node. A lookup walks the URI once per index
 * and never scans every pattern. Not thread-safe: confined to a realm's actor.
 */
final class UriIndex<T> {
    private final Map<String, T> exact = new HashMap<>();
    private final PrefixNode<T> prefixRoot = new PrefixNode<>();
    private final WildcardNode<T> wildcardRoot = new WildcardNode<>();
    private int prefixCount;
    private int wildcardCount;

    T get(String uri, Match match) {
        return switch (match) {
            case EXACT -> exact.get(uri);
            case PREFIX -> {
                PrefixNode<T> node = prefixNode(uri, false);
                yield node == null ? null : node.value;
            }
            case WILDCARD -> {
                WildcardNode<T> node = wildcardNode(uri, false);
                yield node == null ? null : node.value;
            }
        };
    }

    void put(String uri, Match match, T value) {
        switch (match) {
            case EXACT -> exact.put(uri, value);
            case PREFIX -> {
                PrefixNode<T> node = prefixNode(uri, true);
                if (node.value == null) {
                    prefixCount++;
                }
                node.value = value;
            }
            case WILDCARD -> {
                WildcardNode<T> node = wildcardNode(uri, true);
                if (node.value == null) {
                    wildcardCount++;
                }
                node.value = value;
            }
        }
    }

    void remove(String uri, Match match) {
        switch (match) {
            case EXACT -> exact.remove(uri);
            case PREFIX -> {
                if (removePrefix(prefixRoot, uri, 0)) {
                    prefixCount--;
                }
            }
            case WILDCARD -> {
                if (removeWildcard(wildcardRoot, components(uri), 0)) {
                    wildcardCount--;
                }
            }
        }
    }

    /** Every entry whose pattern matches {@code uri}: the exact one, all prefixes of it, all matching wildcards. */
    void forEachMatch(String uri, Consumer<T> action) {
        T e = exact.get(uri);
        if (e != null) {
            action.accept(e);
        }
        if (prefixCount > 0) {
            PrefixNode<T> node = prefixRoot;
            if (node.value != null) {
                action.accept(node.value);
            }
            for (int i = 0; i < uri.length() && node != null; i++) {
                node = node.children == null ? null : node.children.get(uri.charAt(i));
                if (node != null && node.value != null) {
                    action.accept(node.value);
                }
            }
        }
        if (wildcardCount > 0) {
            collectWildcards(wildcardRoot, components(uri), 0, action);
        }
    }

    /**
     * The entry a call is routed to (WAMP spec, pattern-based registration): exact, else the longest prefix, else
     * the wildcard pattern with the longest runs of concrete components before each wildcard.
     */
    T best(String uri) {
        T e = exact.get(uri);
        if (e != null) {
            return e;
        }
        if (prefixCount > 0) {
            T longest = prefixRoot.value;
            PrefixNode<T> node = prefixRoot;
            for (int i = 0; i < uri.length(); i++) {
                node = node.children == null ? null : node.children.get(uri.charAt(i));
                if (node == null) {
                    break;
                }
                if (node.value != null) {
                    longest = node.value;
                }
            }
            if (longest != null) {
                return longest;
            }
        }
        return wildcardCount > 0 ? bestWildcard(wildcardRoot, components(uri), 0) : null;
    }

    /** Whether {@code pattern} with policy {@code match} matches {@code uri}; for one-off checks. */
    static boolean matches(String pattern, Match match, String uri) {
        return switch (match) {
            case EXACT -> pattern.equals(uri);
            case PREFIX -> uri.startsWith(pattern);
            case WILDCARD -> {
                String[] p = components(pattern);
                String[] u = components(uri);
                if (p.length != u.length) {
                    yield false;
                }
                for (int i = 0; i < p.length; i++) {
                    if (!p[i].isEmpty() && !p[i].equals(u[i])) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    static String[] components(String uri) {
        List<String> parts = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) == '.') {
                parts.add(uri.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(uri.substring(start));
        return parts.toArray(new String[0]);
    }

    private PrefixNode<T> prefixNode(String uri, boolean create) {
        PrefixNode<T> node = prefixRoot;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            PrefixNode<T> next = node.children == null ? null : node.children.get(c);
            if (next == null) {
                if (!create) {
                    return null;
                }
                if (node.children == null) {
                    node.children = new HashMap<>(4);
                }
                next = new PrefixNode<>();
                node.children.put(c, next);
            }
            node = next;
        }
        return node;
    }

    /** Removes the value at {@code uri}, pruning empty nodes; returns whether a value was removed. */
    private static <T> boolean removePrefix(PrefixNode<T> node, String uri, int i) {
        if (i == uri.length()) {
            boolean had = node.value != null;
            node.value = null;
            return had;
        }
        PrefixNode<T> child = node.children == null ? null : node.children.get(uri.charAt(i));
        if (child == null) {
            return false;
        }
        boolean removed = removePrefix(child, uri, i + 1);
        if (child.value == null && (child.children == null || child.children.isEmpty())) {
            node.children.remove(uri.charAt(i));
        }
        return removed;
    }

    private WildcardNode<T> wildcardNode(String uri, boolean create) {
        WildcardNode<T> node = wildcardRoot;
        for (String part : components(uri)) {
            WildcardNode<T> next = node.child(part);
            if (next == null) {
                if (!create) {
                    return null;
                }
                next = node.addChild(part);
            }
            node = next;
        }
        return node;
    }

    private static <T> boolean removeWildcard(WildcardNode<T> node, String[] parts, int depth) {
        if (depth == parts.length) {
            boolean had = node.value != null;
            node.value = null;
            return had;
        }
        WildcardNode<T> child = node.child(parts[depth]);
        if (child == null) {
            return false;
        }
        boolean removed = removeWildcard(child, parts, depth + 1);
        if (child.isEmpty()) {
            node.removeChild(parts[depth]);
        }
        return removed;
    }

    private static <T> void collectWildcards(WildcardNode<T> node, String[] parts, int depth, Consumer<T> action) {
        if (depth == parts.length) {
            if (node.value != null) {
                action.accept(node.value);
            }
            return;
        }
        WildcardNode<T> concrete = node.children == null ? null : node.children.get(parts[depth]);
        if (concrete != null) {
            collectWildcards(concrete, parts, depth + 1, action);
        }
        if (node.any != null) {
            collectWildcards(node.any, parts, depth + 1, action);
        }
    }

    /** Depth-first, concrete edge before the wildcard edge: the first full match is the most specific one. */
    private static <T> T bestWildcard(WildcardNode<T> node, String[] parts, int depth) {
        if (depth == parts.length) {
            return node.value;
        }
        WildcardNode<T> concrete = node.children == null ? null : node.children.get(parts[depth]);
        if (concrete != null) {
            T found = bestWildcard(concrete, parts, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return node.any == null ? null : bestWildcard(node.any, parts, depth + 1);
    }

    int size() {
        return exact.size() + prefixCount + wildcardCount;
    }

    private static final class PrefixNode<T> {
        Map<Character, PrefixNode<T>> children;
        T value;
    }

    private static final class WildcardNode<T> {
        Map<String, WildcardNode<T>> children;
        WildcardNode<T> any;
        T value;

        WildcardNode<T> child(String part) {
            if (part.isEmpty()) {
                return any;
            }
            return children == null ? null : children.get(part);
        }

        WildcardNode<T> addChild(String part) {
            WildcardNode<T> node = new WildcardNode<>();
            if (part.isEmpty()) {
                any = node;
            } else {
                if (children == null) {
                    children = new HashMap<>(4);
                }
                children.put(part, node);
            }
            return node;
        }

        void removeChild(String part) {
            if (part.isEmpty()) {
                any = null;
            } else {
                children.remove(part);
            }
        }

        boolean isEmpty() {
            return value == null && any == null && (children == null || children.isEmpty());
        }
    }
}
