package dev.switchboard.launcher.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A transport's Crossbar {@code auth} dict, checked here so that a mistake shows before start with its path, and
 * passed on as JSON to a {@code dev.switchboard.auth} configuration, which the router reads in the same format.
 * Anything the router would not enforce (a realm restriction on WAMP-CRA users, say) is refused rather than
 * silently widened.
 */
final class AuthReader {

    private static final Pattern ED25519_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private AuthReader() {
    }

    /** The dict as JSON, or {@code null} when it has errors. */
    static String read(Obj auth, Set<String> realms, Problems problems) {
        int before = problems.errorCount();
        if (auth.json().size() == 0) {
            problems.error(auth.path(), "expected at least one authentication method (anonymous, ticket, wampcra,"
                    + " cryptosign)");
        }
        for (String method : auth.json().keySet()) {
            Obj config = auth.object(method, true);
            if (config == null) {
                continue;
            }
            switch (method) {
                case "anonymous", "ticket", "wampcra", "cryptosign" -> method(method, config, realms, problems);
                case "tls" -> problems.unsupported(auth.at(method), "TLS client certificate authentication");
                case "cookie" -> problems.unsupported(auth.at(method), "cookie authentication");
                case "scram" -> problems.unsupported(auth.at(method), "WAMP-SCRAM authentication");
                case "anonymous-proxy", "cryptosign-proxy" -> problems.unsupported(auth.at(method),
                        "proxy authentication");
                default -> problems.error(auth.at(method), "unknown authentication method (expected one of"
                        + " anonymous, ticket, wampcra, cryptosign)");
            }
        }
        return problems.errorCount() > before ? null : auth.json().toString();
    }

    private static void method(String method, Obj config, Set<String> realms, Problems problems) {
        List<String> types = method.equals("cryptosign") ? List.of("static", "dynamic", "function")
                : List.of("static", "dynamic");
        String type = config.string("type", true);
        if (type == null) {
            return;
        }
        if (!types.contains(type)) {
            problems.error(config.at("type"), "expected one of " + Obj.quoted(List.of("static", "dynamic"))
                    + ", got " + Obj.describe(config.raw("type")));
        } else if (type.equals("function")) {
            problems.unsupported(config.at("type"), "authenticator functions loaded from Python code; use a"
                    + " dynamic authenticator procedure");
        } else if (type.equals("dynamic")) {
            config.check(Keys.of("type", "authenticator", "authenticator-realm"));
            config.string("authenticator", true);
            realm(config, "authenticator-realm", realms, problems);
        } else {
            staticMethod(method, config, realms, problems);
        }
    }

    private static void staticMethod(String method, Obj config, Set<String> realms, Problems problems) {
        switch (method) {
            case "anonymous" -> {
                config.check(Keys.of("type", "role"));
                config.string("role", false);
            }
            case "ticket" -> {
                config.check(Keys.of("type", "principals"));
                for (Obj principal : principals(config, "principals", problems)) {
                    principal.check(Keys.of("ticket", "role", "realm"));
                    principal.string("ticket", true);
                    principal.string("role", true);
                    realm(principal, "realm", realms, problems);
                }
            }
            case "wampcra" -> {
                config.check(Keys.of("type", "users"));
                for (Obj user : principals(config, "users", problems)) {
                    user.check(Keys.of("secret", "role", "salt", "iterations", "keylen")
                            .unsupported("realm", "restricting a WAMP-CRA user to a realm"));
                    user.string("secret", true);
                    user.string("role", true);
                    user.string("salt", false);
                    user.integer("iterations", 1, Integer.MAX_VALUE, false);
                    user.integer("keylen", 1, 1024, false);
                }
            }
            default -> {
                config.check(Keys.of("type", "principals"));
                for (Obj principal : principals(config, "principals", problems)) {
                    principal.check(Keys.of("authorized_keys", "role")
                            .unsupported("realm", "restricting a cryptosign principal to a realm"));
                    principal.string("role", true);
                    publicKeys(principal, problems);
                }
            }
        }
    }

    private static List<Obj> principals(Obj config, String key, Problems problems) {
        Obj principals = config.object(key, true);
        if (principals == null) {
            return List.of();
        }
        return principals.json().keySet().stream().map(authid -> principals.object(authid, true))
                .filter(java.util.Objects::nonNull).toList();
    }

    private static void publicKeys(Obj principal, Problems problems) {
        List<String> keys = principal.strings("authorized_keys", true);
        if (keys == null) {
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (!ED25519_HEX.matcher(keys.get(i)).matches()) {
                problems.error(Obj.index(principal.at("authorized_keys"), i), "expected an Ed25519 public key as"
                        + " 64 hexadecimal digits, got \"" + keys.get(i) + "\"");
            }
        }
    }

    private static void realm(Obj object, String key, Set<String> realms, Problems problems) {
        String realm = object.string(key, false);
        if (realm != null && !realms.contains(realm)) {
            problems.error(object.at(key), RouterReader.unknownRealm(realm, realms));
        }
    }
}
