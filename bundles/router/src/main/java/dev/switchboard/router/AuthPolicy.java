package dev.switchboard.router;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authentication methods a transport accepts, in Crossbar's {@code auth} format: a dict from method name
 * ({@code anonymous}, {@code ticket}, {@code wampcra}, {@code cryptosign}) to {@code {"type": "static", ...}} or
 * {@code {"type": "dynamic", "authenticator": "uri"}}.
 */
final class AuthPolicy {
    /** What a transport without auth configuration accepts: anonymous clients with role {@code anonymous}. */
    static final AuthPolicy ANONYMOUS = new AuthPolicy("default",
            Map.of("anonymous", new AnonymousAuthenticator("anonymous", null)));

    private final String name;
    private final Map<String, Authenticator> methods;

    private AuthPolicy(String name, Map<String, Authenticator> methods) {
        this.name = name;
        this.methods = methods;
    }

    /**
     * Parses a policy.
     *
     * @throws IllegalArgumentException naming the policy, the method and what is wrong
     */
    static AuthPolicy parse(String name, Map<String, Object> config, DynamicAuth.Caller caller) {
        Map<String, Authenticator> methods = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String method = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("auth '" + name + "': '" + method + "' must be a dict");
            }
            Map<String, Object> m = Dicts.dict(config, method);
            String type = Dicts.string(m, "type", "static");
            if (!type.equals("static") && !type.equals("dynamic")) {
                throw new IllegalArgumentException("auth '" + name + "': " + method + ".type must be static or dynamic");
            }
            DynamicAuth dynamic = type.equals("dynamic") ? DynamicAuth.of(m, caller, method) : null;
            methods.put(method, switch (method) {
                case "anonymous" -> new AnonymousAuthenticator(Dicts.string(m, "role", "anonymous"), dynamic);
                case "ticket" -> new TicketAuthenticator(Dicts.dict(m, "principals"), dynamic);
                case "wampcra" -> new WampCraAuthenticator(Dicts.dict(m, "users"), dynamic);
                case "cryptosign" -> new CryptosignAuthenticator(Dicts.dict(m, "principals"), dynamic);
                default -> throw new IllegalArgumentException("auth '" + name + "': method '" + method
                        + "' is not supported (supported: anonymous, ticket, wampcra, cryptosign)");
            });
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("auth '" + name + "' names no method");
        }
        return new AuthPolicy(name, methods);
    }

    /** The first of the client's methods (in its order, per spec) that this policy accepts, or {@code null}. */
    Authenticator select(List<String> requested) {
        for (String method : requested) {
            Authenticator a = methods.get(method);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return "AuthPolicy[" + name + ", " + methods.keySet() + "]";
    }
}
