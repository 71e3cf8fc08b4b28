package dev.switchboard.router;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A realm's roles and what each may do (Crossbar's {@code roles}: static {@code permissions} on URI patterns, or a
 * dynamic {@code authorizer} procedure). With roles configured, whatever is not allowed is denied. A dynamic
 * authorizer's answers are cached per (session, action, URI) for a bounded time.
 */
final class Authorizer {
    private static final long CACHE_NANOS = 60_000_000_000L;
    private static final int CACHE_LIMIT = 10_000;

    private record Role(UriIndex<Permission> permissions, String authorizer) {}

    private record Cached(Permission permission, long at) {}

    private final String realm;
    private final Map<String, Role> roles;
    private final DynamicAuth.Caller caller;
    private final Map<String, Cached> cache = new HashMap<>();

    private Authorizer(String realm, Map<String, Role> roles, DynamicAuth.Caller caller) {
        this.realm = realm;
        this.roles = roles;
        this.caller = caller;
    }

    /**
     * Parses Crossbar's roles list.
     *
     * @throws IllegalArgumentException naming the realm, role and setting that is wrong
     */
    static Authorizer parse(String realm, List<Object> config, DynamicAuth.Caller caller) {
        Map<String, Role> roles = new LinkedHashMap<>();
        for (Object entry : config) {
            if (!(entry instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("realm '" + realm + "': each role must be a dict");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> role = (Map<String, Object>) entry;
            String name = Dicts.string(role, "name", null);
            if (name == null) {
                throw new IllegalArgumentException("realm '" + realm + "': a role has no 'name'");
            }
            String authorizer = Dicts.string(role, "authorizer", null);
            UriIndex<Permission> permissions = new UriIndex<>();
            if (authorizer == null) {
                if (!(role.getOrDefault("permissions", List.of()) instanceof List<?> list)) {
                    throw new IllegalArgumentException("realm '" + realm + "', role '" + name + "': 'permissions' must be a list");
                }
                for (Object p : list) {
                    addPermission(realm, name, p, permissions);
                }
            }
            roles.put(name, new Role(permissions, authorizer));
        }
        return new Authorizer(realm, roles, caller);
    }

    @SuppressWarnings("unchecked")
    private static void addPermission(String realm, String role, Object p, UriIndex<Permission> into) {
        if (!(p instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("realm '" + realm + "', role '" + role + "': each permission must be a dict");
        }
        Map<String, Object> perm = (Map<String, Object>) p;
        String uri = Dicts.string(perm, "uri", null);
        Match match = Match.parse(perm.getOrDefault("match", "exact"));
        if (uri == null || match == null) {
            throw new IllegalArgumentException("realm '" + realm + "', role '" + role
                    + "': a permission needs 'uri' and a 'match' of exact, prefix or wildcard");
        }
        // Crossbar's older style: a trailing '*' means prefix.
        if (uri.endsWith("*") && match == Match.EXACT) {
            uri = uri.substring(0, uri.length() - 1);
            match = Match.PREFIX;
        }
        Map<String, Object> allow = Dicts.dict(perm, "allow");
        Map<String, Object> disclose = Dicts.dict(perm, "disclose");
        into.put(uri, match, new Permission(Dicts.bool(allow, "call", false), Dicts.bool(allow, "register", false),
                Dicts.bool(allow, "publish", false), Dicts.bool(allow, "subscribe", false),
                Dicts.bool(disclose, "caller", false), Dicts.bool(disclose, "publisher", false)));
    }

    boolean hasRole(String role) {
        return roles.containsKey(role);
    }

    /**
     * The permission for {@code session} doing {@code action} on {@code uri}: immediately for static roles, after
     * asking the authorizer procedure for dynamic ones. Called on the realm's actor; the future may complete on
     * another thread.
     */
    CompletableFuture<Permission> permission(Session session, String action, String uri) {
        Role role = roles.get(session.authrole());
        if (role == null) {
            return CompletableFuture.completedFuture(Permission.NONE);
        }
        if (role.authorizer == null) {
            Permission p = role.permissions.best(uri);
            return CompletableFuture.completedFuture(p == null ? Permission.NONE : p);
        }
        String key = session.id() + " " + action + " " + uri;
        Cached cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.at < CACHE_NANOS) {
            return CompletableFuture.completedFuture(cached.permission);
        }
        Map<String, Object> details = Map.of("session", session.id(), "authid", session.authid(),
                "authrole", session.authrole());
        // An authorizer that fails or cannot be reached denies.
        return caller.call(realm, role.authorizer, List.of(details, uri, action))
                .handle((result, failure) -> failure == null ? fromAuthorizer(action, result) : Permission.NONE)
                .thenApply(p -> {
                    remember(key, p);
                    return p;
                });
    }

    private synchronized void remember(String key, Permission p) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, new Cached(p, System.nanoTime()));
    }

    /** An authorizer answers {@code true}/{@code false} or a dict {@code {"allow": bool, "disclose": bool}}. */
    private static Permission fromAuthorizer(String action, List<Object> result) {
        Object first = result == null || result.isEmpty() ? null : result.get(0);
        boolean allow;
        boolean disclose = false;
        if (first instanceof Boolean b) {
            allow = b;
        } else if (first instanceof Map<?, ?> m) {
            allow = Boolean.TRUE.equals(m.get("allow"));
            disclose = Boolean.TRUE.equals(m.get("disclose"));
        } else {
            allow = false;
        }
        return new Permission(allow && action.equals("call"), allow && action.equals("register"),
                allow && action.equals("publish"), allow && action.equals("subscribe"), disclose, disclose);
    }
}
