package dev.switchboard.router;

import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.uri.WampErrors;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code wampcra} (advanced/authentication_cra): HMAC-SHA256 over a JSON challenge. A user's {@code secret} is the
 * key; with {@code salt}, {@code iterations} and {@code keylen} it is the key derived from the password (PBKDF2),
 * and the client derives the same key from those parameters, so the configuration never holds the password.
 */
final class WampCraAuthenticator implements Authenticator {
    private final Map<String, Object> users;
    private final DynamicAuth dynamic;

    /** Keys the fake salts of unknown authids: random per router run, so they cannot be precomputed. */
    private final String fakeSaltKey = Base64.getEncoder().encodeToString(Secrets.randomBytes(32));

    WampCraAuthenticator(Map<String, Object> users, DynamicAuth dynamic) {
        this.users = users;
        this.dynamic = dynamic;
    }

    private boolean anySalted() {
        return users.values().stream().anyMatch(u -> u instanceof Map<?, ?> m && m.containsKey("salt"));
    }

    /** The salt parameter most configured users have, so a fake looks like them. */
    private Object typical(String key, Object fallback) {
        return users.values().stream().filter(u -> u instanceof Map<?, ?> m && m.containsKey(key))
                .map(u -> (Object) ((Map<?, ?>) u).get(key)).findFirst().orElse(fallback);
    }

    private String fakeSalt(String authid) {
        return Secrets.hmacSha256Base64(fakeSaltKey, authid).substring(0, 16);
    }

    @Override
    public String method() {
        return "wampcra";
    }

    @Override
    public CompletableFuture<Step> begin(Hello hello, String authid, long sessionId) {
        if (authid == null) {
            throw new AuthFailure(WampErrors.AUTHENTICATION_FAILED, "wampcra authentication needs an authid");
        }
        if (dynamic == null) {
            return CompletableFuture.completedFuture(challenge(authid, Dicts.dict(users, authid), "static", sessionId));
        }
        return dynamic.ask(hello, authid, sessionId, "wampcra", Map.of())
                .thenApply(user -> challenge(Dicts.string(user, "authid", authid), user, "dynamic", sessionId));
    }

    private Step challenge(String authid, Map<String, Object> user, String provider, long sessionId) {
        // An unknown authid gets a challenge like any other, against a random key, so it fails only at the end; where
        // users have salted keys it gets salt parameters too, stable per authid, so probing tells nothing.
        String key = Dicts.string(user, "secret", Base64.getEncoder().encodeToString(Secrets.randomBytes(32)));
        Map<String, Object> saltParameters = user;
        if (!user.containsKey("secret") && anySalted()) {
            saltParameters = Map.of("salt", fakeSalt(authid), "iterations", typical("iterations", 1000),
                    "keylen", typical("keylen", 32));
        }
        String role = Dicts.string(user, "role", "anonymous");
        Map<String, Object> challenge = new LinkedHashMap<>();
        challenge.put("authid", authid);
        challenge.put("authrole", role);
        challenge.put("authmethod", "wampcra");
        challenge.put("authprovider", provider);
        challenge.put("session", sessionId);
        challenge.put("nonce", Base64.getEncoder().encodeToString(Secrets.randomBytes(24)));
        challenge.put("timestamp", Instant.now().toString());
        String challengeText = Json.write(challenge);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("challenge", challengeText);
        if (saltParameters.containsKey("salt")) {
            extra.put("salt", saltParameters.get("salt"));
            extra.put("iterations", saltParameters.getOrDefault("iterations", 1000));
            extra.put("keylen", saltParameters.getOrDefault("keylen", 32));
        }
        String expected = Secrets.hmacSha256Base64(key, challengeText);
        return Step.challenge(new Challenge() {
            @Override
            public Map<String, Object> extra() {
                return extra;
            }

            @Override
            public CompletableFuture<Principal> verify(Authenticate answer) {
                if (!user.containsKey("secret") || !Secrets.constantTimeEquals(expected, answer.signature())) {
                    throw new AuthFailure(WampErrors.AUTHENTICATION_FAILED, "invalid authid or signature");
                }
                return CompletableFuture.completedFuture(new Principal(authid, role, "wampcra", provider,
                        Dicts.dict(user, "extra")));
            }
        });
    }
}
