package dev.switchboard.router;

import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.uri.WampErrors;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code cryptosign} (advanced/authentication_cryptosign): the client names its Ed25519 public key in
 * {@code authextra.pubkey}, the router sends 32 random bytes, the client signs them. AUTHENTICATE carries the
 * signature followed by the challenge, hex-encoded, as Autobahn sends it.
 */
final class CryptosignAuthenticator implements Authenticator {
    private final Map<String, Object> principals;
    private final DynamicAuth dynamic;

    CryptosignAuthenticator(Map<String, Object> principals, DynamicAuth dynamic) {
        this.principals = principals;
        this.dynamic = dynamic;
    }

    @Override
    public String method() {
        return "cryptosign";
    }

    @Override
    public CompletableFuture<Step> begin(Hello hello, String authid, long sessionId) {
        String pubkey = Dicts.string(Dicts.dict(hello.details(), "authextra"), "pubkey", null);
        if (pubkey == null) {
            throw new AuthFailure(WampErrors.AUTHENTICATION_FAILED, "cryptosign needs authextra.pubkey in HELLO");
        }
        if (dynamic != null) {
            return dynamic.ask(hello, authid, sessionId, "cryptosign", Map.of()).thenApply(answer -> {
                Object keys = answer.containsKey("pubkey") ? List.of(answer.get("pubkey")) : answer.get("authorized_keys");
                boolean known = keys instanceof List<?> list && list.contains(pubkey);
                return challenge(pubkey, known, Dicts.string(answer, "authid", authid), (String) answer.get("role"),
                        "dynamic", Dicts.dict(answer, "extra"));
            });
        }
        Map<String, Object> match = findPrincipal(authid, pubkey);
        String id = match == null ? authid : (String) match.get("authid");
        return CompletableFuture.completedFuture(challenge(pubkey, match != null, id,
                match == null ? null : Dicts.string(match, "role", "anonymous"), "static", Map.of()));
    }

    /** The configured principal owning {@code pubkey} (and named {@code authid}, when the client gave one). */
    private Map<String, Object> findPrincipal(String authid, String pubkey) {
        for (Map.Entry<String, Object> e : principals.entrySet()) {
            if (authid != null && !authid.equals(e.getKey())) {
                continue;
            }
            Map<String, Object> p = Dicts.dict(principals, e.getKey());
            if (p.get("authorized_keys") instanceof List<?> keys && keys.contains(pubkey)) {
                Map<String, Object> found = new HashMap<>(p);
                found.put("authid", e.getKey());
                return found;
            }
        }
        return null;
    }

    private Step challenge(String pubkey, boolean known, String authid, String role, String provider,
            Map<String, Object> authextra) {
        byte[] nonce = Secrets.randomBytes(32);
        Map<String, Object> extra = new HashMap<>();
        extra.put("challenge", HexFormat.of().formatHex(nonce));
        extra.put("channel_binding", null);
        return Step.challenge(new Challenge() {
            @Override
            public Map<String, Object> extra() {
                return extra;
            }

            @Override
            public CompletableFuture<Principal> verify(Authenticate answer) {
                byte[] signed;
                try {
                    signed = HexFormat.of().parseHex(answer.signature());
                } catch (IllegalArgumentException e) {
                    throw new AuthFailure(WampErrors.AUTHENTICATION_FAILED, "signature is not hex");
                }
                boolean valid = signed.length == 96
                        && Arrays.equals(Arrays.copyOfRange(signed, 64, 96), nonce)
                        && Secrets.ed25519Verify(pubkey, nonce, Arrays.copyOf(signed, 64));
                if (!known || !valid || authid == null) {
                    throw new AuthFailure(WampErrors.AUTHENTICATION_FAILED, "invalid key or signature");
                }
                return CompletableFuture.completedFuture(new Principal(authid, role, "cryptosign", provider, authextra));
            }
        });
    }
}
