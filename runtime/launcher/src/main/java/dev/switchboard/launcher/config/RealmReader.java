package dev.switchboard.launcher.config;

import com.google.gson.JsonArray;
import dev.switchboard.launcher.config.NodeConfig.RealmSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A realm: {@code name}, {@code options.uri_check}, {@code roles} (static permissions or a dynamic authorizer) and
 * {@code store.event-history}, onto the properties of {@code dev.switchboard.realm}.
 */
final class RealmReader {

    /** Crossbar's loose URI rule for realm names: dot-separated, no empty part, no whitespace or '#'. */
    private static final Pattern REALM = Pattern.compile("[^\\s.#]+(\\.[^\\s.#]+)*");
    private static final List<String> MATCHES = List.of("exact", "prefix", "wildcard");

    private RealmReader() {
    }

    static RealmSpec read(Obj realm, Problems problems) {
        realm.check(Keys.of("name", "id", "options", "roles", "store")
                .unsupported("rlinks", "router-to-router links (rlinks)"));
        NodeConfigReader.id(realm, null, problems);
        String name = realm.string("name", true);
        if (name != null && !REALM.matcher(name).matches()) {
            problems.error(realm.at("name"), "expected a realm name (a URI such as realm1 or com.example), got "
                    + Obj.describe(realm.raw("name")));
            name = null;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", name);
        Obj options = realm.object("options", false);
        if (options != null) {
            options.check(Keys.of("uri_check", "enable_meta_api")
                    .unsupported("bridge_meta_api", "bridging the meta API of other realms")
                    .ignored("event_dispatching_chunk_size", "events are encoded once per serializer and"
                            + " dispatched without chunking"));
            String uriCheck = options.oneOf("uri_check", List.of("strict", "loose"), null);
            if (uriCheck != null) {
                properties.put("uriCheck", uriCheck);
            }
            if (Boolean.FALSE.equals(options.bool("enable_meta_api"))) {
                problems.unsupported(options.at("enable_meta_api"), "turning off the meta API (wamp.session.*,"
                        + " wamp.registration.*, wamp.subscription.*); it is always on");
            }
        }
        JsonArray roles = roles(realm, problems);
        if (roles != null) {
            properties.put("roles", roles.toString());
        }
        List<String> history = store(realm.object("store", false), problems);
        if (!history.isEmpty()) {
            properties.put("eventHistory", history.toArray(new String[0]));
        }
        return name == null ? null : new RealmSpec(name, properties);
    }

    /** Validated and passed on as JSON: the router reads Crossbar's roles list itself. */
    private static JsonArray roles(Obj realm, Problems problems) {
        JsonArray roles = realm.array("roles", false);
        if (roles == null) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (Obj role : realm.objects("roles", false)) {
            role.check(Keys.of("name", "permissions", "authorizer"));
            String name = role.string("name", true);
            if (name != null && !names.add(name)) {
                problems.error(role.at("name"), "duplicate role \"" + name + "\"");
            }
            boolean dynamic = role.has("authorizer");
            if (dynamic) {
                role.string("authorizer", true);
                if (role.has("permissions")) {
                    problems.error(role.at("permissions"), "a role has either permissions or an authorizer,"
                            + " not both");
                }
            } else if (!role.has("permissions")) {
                problems.error(role.at("permissions"), "missing (expected an array of permissions, or an"
                        + " \"authorizer\" procedure)");
            }
            role.objects("permissions", false).forEach(permission -> permission(permission, problems));
        }
        return roles;
    }

    private static void permission(Obj permission, Problems problems) {
        permission.check(Keys.of("uri", "match", "allow", "disclose", "cache")
                .unsupported("validate", "payload validation against WAMP types"));
        if (!permission.has("uri")) {
            problems.error(permission.at("uri"), "missing (expected a URI or URI pattern, \"\" with match prefix"
                    + " for all)");
        } else if (!Obj.isString(permission.raw("uri"))) {
            problems.error(permission.at("uri"), "expected a string, got " + Obj.describe(permission.raw("uri")));
        }
        permission.oneOf("match", MATCHES, "exact");
        booleans(permission.object("allow", false), "call", "register", "publish", "subscribe");
        booleans(permission.object("disclose", false), "caller", "publisher");
        permission.bool("cache");
    }

    private static void booleans(Obj object, String... keys) {
        if (object != null) {
            object.check(Keys.of(keys));
            for (String key : keys) {
                object.bool(key);
            }
        }
    }

    /** {@code store.event-history} as the router's {@code uri;match=M;limit=N} entries. */
    private static List<String> store(Obj store, Problems problems) {
        List<String> entries = new ArrayList<>();
        if (store == null) {
            return entries;
        }
        store.check(Keys.of("type", "event-history", "limit"));
        String type = store.string("type", true);
        if (type != null && !type.equals("memory")) {
            problems.unsupported(store.at("type"), "store type \"" + type + "\"; the event store is in memory"
                    + " (\"memory\")");
        }
        Long defaultLimit = store.integer("limit", 1, Integer.MAX_VALUE, false);
        for (Obj history : store.objects("event-history", false)) {
            history.check(Keys.of("uri", "match", "limit"));
            String uri = history.string("uri", true);
            String match = history.oneOf("match", MATCHES, "exact");
            Long limit = history.integer("limit", 1, Integer.MAX_VALUE, false);
            if (uri != null && match != null) {
                if (uri.contains(";")) {
                    problems.error(history.at("uri"), "expected a topic URI, got " + Obj.describe(history.raw("uri")));
                    continue;
                }
                Long effective = limit != null ? limit : defaultLimit;
                entries.add(uri + ";match=" + match + (effective == null ? "" : ";limit=" + effective));
            }
        }
        return entries;
    }
}
