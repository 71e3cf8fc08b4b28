package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Challenge;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.WampErrors;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private final Harness h = new Harness();

    private FakePeer hello(String policy, Map<String, Object> details) {
        FakePeer p = new FakePeer(null);
        p.auth = policy;
        p.session = h.router.connect(p);
        Map<String, Object> d = new java.util.HashMap<>(Harness.ALL_ROLES);
        d.putAll(details);
        p.deliver(new Hello("realm1", d));
        return p;
    }

    @Test
    void ticketSucceedsWithTheRightTicketOnly() {
        h.router.addAuthPolicy("tickets", Json.object("""
                {"ticket": {"type": "static", "principals": {"joe": {"ticket": "secret!", "role": "user"}}}}""", "t"));
        FakePeer ok = hello("tickets", Map.of("authmethods", List.of("ticket"), "authid", "joe"));
        assertEquals("ticket", ok.next(Challenge.class).authMethod());
        ok.deliver(new Authenticate("secret!", Map.of()));
        Welcome w = ok.next(Welcome.class);
        assertEquals("joe", w.details().get("authid"));
        assertEquals("user", w.details().get("authrole"));
        assertEquals("ticket", w.details().get("authmethod"));
        assertEquals("static", w.details().get("authprovider"));

        for (String[] attempt : new String[][] {{"joe", "wrong"}, {"nobody", "secret!"}}) {
            FakePeer bad = hello("tickets", Map.of("authmethods", List.of("ticket"), "authid", attempt[0]));
            bad.next(Challenge.class);
            bad.deliver(new Authenticate(attempt[1], Map.of()));
            Abort a = bad.next(Abort.class);
            assertEquals(WampErrors.AUTHENTICATION_FAILED, a.reason());
            assertEquals("authentication failed", a.details().get("message"), "no hint whether the authid exists");
            assertTrue(bad.closed);
        }
    }

    @Test
    void hashedTicketsAreAccepted() {
        String hashed = "$pbkdf2-sha256$1000$" + java.util.Base64.getEncoder().encodeToString("salt1234".getBytes())
                + "$" + pbkdf2("secret!", "salt1234", 1000, 32);
        h.router.addAuthPolicy("hashed", Map.of("ticket", Map.of("principals",
                Map.of("joe", Map.of("ticket", hashed, "role", "user")))));
        FakePeer ok = hello("hashed", Map.of("authmethods", List.of("ticket"), "authid", "joe"));
        ok.next(Challenge.class);
        ok.deliver(new Authenticate("secret!", Map.of()));
        ok.next(Welcome.class);
    }

    private static String pbkdf2(String secret, String salt, int iterations, int keylen) {
        return Secrets.deriveKey(secret, salt, iterations, keylen);
    }

    @Test
    void wampcraWithAndWithoutSalt() {
        String derived = Secrets.deriveKey("password", "salt123", 100, 16);
        h.router.addAuthPolicy("cra", Map.of("wampcra", Map.of("users", Map.of(
                "plain", Map.of("secret", "s3cret", "role", "user"),
                "salted", Map.of("secret", derived, "role", "user", "salt", "salt123", "iterations", 100, "keylen", 16)))));

        FakePeer plain = hello("cra", Map.of("authmethods", List.of("wampcra"), "authid", "plain"));
        Challenge c = plain.next(Challenge.class);
        String challenge = (String) c.extra().get("challenge");
        assertTrue(challenge.contains("\"authid\":\"plain\""));
        plain.deliver(new Authenticate(Secrets.hmacSha256Base64("s3cret", challenge), Map.of()));
        assertEquals("wampcra", plain.next(Welcome.class).details().get("authmethod"));

        FakePeer salted = hello("cra", Map.of("authmethods", List.of("wampcra"), "authid", "salted"));
        Challenge sc = salted.next(Challenge.class);
        assertEquals("salt123", sc.extra().get("salt"));
        String key = Secrets.deriveKey("password", (String) sc.extra().get("salt"), (Integer) sc.extra().get("iterations"),
                (Integer) sc.extra().get("keylen"));
        salted.deliver(new Authenticate(Secrets.hmacSha256Base64(key, (String) sc.extra().get("challenge")), Map.of()));
        salted.next(Welcome.class);

        FakePeer unknown = hello("cra", Map.of("authmethods", List.of("wampcra"), "authid", "ghost"));
        Challenge uc = unknown.next(Challenge.class);
        unknown.deliver(new Authenticate(Secrets.hmacSha256Base64("guess", (String) uc.extra().get("challenge")), Map.of()));
        assertEquals(WampErrors.AUTHENTICATION_FAILED, unknown.next(Abort.class).reason());
    }

    @Test
    void cryptosignVerifiesTheEd25519Signature() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = keys.getPublic().getEncoded();
        String pubkey = HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        h.router.addAuthPolicy("keys", Map.of("cryptosign", Map.of("principals",
                Map.of("alice", Map.of("authorized_keys", List.of(pubkey), "role", "user")))));

        FakePeer ok = hello("keys", Map.of("authmethods", List.of("cryptosign"), "authextra", Map.of("pubkey", pubkey)));
        byte[] nonce = HexFormat.of().parseHex((String) ok.next(Challenge.class).extra().get("challenge"));
        ok.deliver(new Authenticate(signed(keys, nonce), Map.of()));
        assertEquals("alice", ok.next(Welcome.class).details().get("authid"));

        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        FakePeer forged = hello("keys", Map.of("authmethods", List.of("cryptosign"), "authextra", Map.of("pubkey", pubkey)));
        byte[] nonce2 = HexFormat.of().parseHex((String) forged.next(Challenge.class).extra().get("challenge"));
        forged.deliver(new Authenticate(signed(other, nonce2), Map.of()));
        assertEquals(WampErrors.AUTHENTICATION_FAILED, forged.next(Abort.class).reason());
    }

    private static String signed(KeyPair keys, byte[] nonce) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(nonce);
        byte[] sig = s.sign();
        byte[] out = Arrays.copyOf(sig, 96);
        System.arraycopy(nonce, 0, out, 64, 32);
        return HexFormat.of().formatHex(out);
    }

    @Test
    void clientMethodOrderIsHonouredAndUnknownMethodsAreRefused() {
        h.router.addAuthPolicy("both", Map.of("anonymous", Map.of("role", "guest"),
                "ticket", Map.of("principals", Map.of())));
        FakePeer anonymousFirst = hello("both", Map.of("authmethods", List.of("anonymous", "ticket")));
        assertEquals("guest", anonymousFirst.next(Welcome.class).details().get("authrole"));
        FakePeer ticketFirst = hello("both", Map.of("authmethods", List.of("ticket", "anonymous"), "authid", "x"));
        ticketFirst.next(Challenge.class);
        FakePeer none = hello("both", Map.of("authmethods", List.of("wampcra")));
        assertEquals(WampErrors.NO_MATCHING_AUTH_METHOD, none.next(Abort.class).reason());
        FakePeer noPolicy = hello("missing", Map.of());
        assertEquals(WampErrors.AUTHENTICATION_FAILED, noPolicy.next(Abort.class).reason());
    }

    @Test
    void anythingButAuthenticateAfterChallengeIsAProtocolViolation() {
        h.router.addAuthPolicy("tickets", Map.of("ticket", Map.of("principals", Map.of())));
        FakePeer p = hello("tickets", Map.of("authmethods", List.of("ticket"), "authid", "joe"));
        p.next(Challenge.class);
        p.deliver(new Register(1, Map.of(), "com.example.x"));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, p.next(Abort.class).reason());
    }

    @Test
    void dynamicAuthenticatorDecides() {
        FakePeer authenticator = h.join("realm1");
        authenticator.deliver(new Register(1, Map.of(), "com.example.authenticate"));
        authenticator.next(Registered.class);
        h.router.addAuthPolicy("dyn", Map.of("ticket", Map.of("type", "dynamic",
                "authenticator", "com.example.authenticate", "authenticator-realm", "realm1")));

        FakePeer client = hello("dyn", Map.of("authmethods", List.of("ticket"), "authid", "joe"));
        client.next(Challenge.class);
        client.deliver(new Authenticate("opensesame", Map.of()));
        Invocation inv = authenticator.next(Invocation.class);
        assertEquals("realm1", inv.args().get(0));
        assertEquals("joe", inv.args().get(1));
        assertEquals("opensesame", ((Map<?, ?>) inv.args().get(2)).get("ticket"));
        authenticator.deliver(new Yield(inv.request(), Map.of(), List.of(Map.of("role", "frontend")), null));
        Welcome w = client.next(Welcome.class);
        assertEquals("frontend", w.details().get("authrole"));
        assertEquals("dynamic", w.details().get("authprovider"));

        FakePeer refused = hello("dyn", Map.of("authmethods", List.of("ticket"), "authid", "eve"));
        refused.next(Challenge.class);
        refused.deliver(new Authenticate("guess", Map.of()));
        Invocation inv2 = authenticator.next(Invocation.class);
        authenticator.deliver(new dev.switchboard.api.message.Error(Invocation.TYPE, inv2.request(), Map.of(),
                WampErrors.NOT_AUTHORIZED));
        assertEquals(WampErrors.NOT_AUTHORIZED, refused.next(Abort.class).reason());
    }

    @Test
    void repeatedFailuresFromOneSourceAreThrottled() {
        h.router.authFailureLimit(3);
        h.router.addAuthPolicy("tickets", Map.of("ticket", Map.of("principals",
                Map.of("joe", Map.of("ticket", "right", "role", "user")))));
        for (int i = 0; i < 3; i++) {
            FakePeer bad = hello("tickets", Map.of("authmethods", List.of("ticket"), "authid", "joe"));
            bad.next(Challenge.class);
            bad.deliver(new Authenticate("wrong", Map.of()));
            bad.next(Abort.class);
        }
        FakePeer blocked = hello("tickets", Map.of("authmethods", List.of("ticket"), "authid", "joe"));
        Message m = blocked.next(Abort.class);
        assertTrue(((Abort) m).details().get("message").toString().contains("try again later"));
    }

    @Test
    void invalidPoliciesAreRefusedWithAClearMessage() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> h.router.addAuthPolicy("bad", Map.of("kerberos", Map.of())));
        assertTrue(e.getMessage().contains("kerberos"));
    }
}
