package dev.switchboard.itest.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A second node shared by the tests that need configuration the default node does not have: realms with event
 * history and roles, authentication policies and listeners that require them. Everything is configured the way an
 * operator does it, with FileInstall files ({@code dev.switchboard.realm-NAME.cfg} and friends, see the README's
 * Configuration section) in the node's own deploy directory before it starts. Inject {@link Configured} into a test
 * method ({@code @ExtendWith(ConfiguredNode.class)}); the node starts on first use and stops (exit 0 checked) after
 * the last test of the run.
 *
 * <ul>
 *   <li>realm {@value #ADV}: event history for {@code e2e.hist.} (prefix, limit 5) and {@code e2e.histx.exact};
 *       registration, subscription meta API and testaments;</li>
 *   <li>realm {@value #META}: session meta API (its scenario counts and kills every session in it);</li>
 *   <li>realm {@value #APP}: where authenticated clients join (no roles: any role may do anything);</li>
 *   <li>realm {@value #AUTHN}: the dynamic authenticator component registers there;</li>
 *   <li>realm {@value #AUTHZ}: roles {@code user}, {@code backend}, {@code dynuser} (dynamic authorizer);</li>
 *   <li>WebSocket listener {@code static} and RawSocket listener {@code static}: ticket, wampcra (plain and salted),
 *       cryptosign, all static; WebSocket listener {@code dynamic}: ticket and wampcra via
 *       {@code e2e.authn.authenticate}.</li>
 * </ul>
 */
public final class ConfiguredNode implements ParameterResolver {
    static final String ADV = "e2e.adv";
    static final String META = "e2e.meta";
    static final String APP = "e2e.app";
    static final String AUTHN = "e2e.authn";
    static final String AUTHZ = "e2e.authz";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Listeners and realms come from deploy/ after the ready line: how long to wait for them. */
    private static final Duration CONFIGURED_TIMEOUT = Duration.ofSeconds(30);

    /** The running node and what the configuration holds, for the tests and (as JSON) for the client scripts. */
    public record Configured(NodeProcess node, int staticWsPort, int dynamicWsPort, int staticRsPort,
            Map<String, String> secrets) {
        String staticWs() {
            return "ws://127.0.0.1:" + staticWsPort + "/ws";
        }

        String dynamicWs() {
            return "ws://127.0.0.1:" + dynamicWsPort + "/ws";
        }

        /** Everything a client script needs, as one JSON argument. */
        String scriptConfig() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("ws", node.url());
            config.put("static_ws", staticWs());
            config.put("static_rs", "127.0.0.1:" + staticRsPort);
            config.put("dynamic_ws", dynamicWs());
            config.putAll(secrets);
            try {
                return JSON.writeValueAsString(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Configured.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(ConfiguredNode.class));
        Resource resource = store.getOrComputeIfAbsent("node", key -> Resource.start(), Resource.class);
        if (resource.failure != null) {
            throw resource.failure;
        }
        if (!resource.configured.node().isAlive()) {
            throw new AssertionError("the configured node is gone: " + resource.configured.node() + "\n"
                    + resource.configured.node().tail(30));
        }
        return resource.configured;
    }

    private record Resource(Configured configured, AssertionError failure) implements AutoCloseable {
        static Resource start() {
            try {
                return new Resource(startConfigured(), null);
            } catch (AssertionError e) {
                return new Resource(null, e);
            }
        }

        @Override
        public void close() {
            if (configured == null) {
                return;
            }
            try {
                configured.node().stopCleanly();
            } finally {
                configured.node().kill();
            }
        }
    }

    static Configured startConfigured() {
        int staticWs = NodeProcess.freePort();
        int dynamicWs = NodeProcess.freePort();
        int staticRs = NodeProcess.freePort();
        Map<String, String> secrets = new LinkedHashMap<>();
        byte[][] carol = ed25519();
        byte[][] other = ed25519();
        secrets.put("carol_seed", HexFormat.of().formatHex(carol[0]));
        secrets.put("carol_pubkey", HexFormat.of().formatHex(carol[1]));
        secrets.put("other_seed", HexFormat.of().formatHex(other[0]));
        secrets.put("hashed_ticket", "hashed-" + Long.toHexString(new SecureRandom().nextLong()));
        secrets.put("salty_password", "salty-" + Long.toHexString(new SecureRandom().nextLong()));
        String salt = "e2e-salt";

        Map<String, Object> ticketPrincipals = new LinkedHashMap<>();
        ticketPrincipals.put("joe", Map.of("ticket", "joe-secret", "role", "user"));
        ticketPrincipals.put("hashed", Map.of("ticket", pbkdf2Ticket(secrets.get("hashed_ticket")), "role", "user"));
        ticketPrincipals.put("backend", Map.of("ticket", "backend-secret", "role", "backend"));
        ticketPrincipals.put("dynuser", Map.of("ticket", "dyn-secret", "role", "dynuser"));
        ticketPrincipals.put("both", Map.of("ticket", "both-ticket", "role", "user"));
        Map<String, Object> craUsers = new LinkedHashMap<>();
        craUsers.put("alice", Map.of("secret", "alice-secret", "role", "user"));
        // Salted WAMP-CRA as Crossbar configures it: the derived key, never the password.
        craUsers.put("salty", Map.of("secret", deriveKey(secrets.get("salty_password"), salt, 100, 32), "salt", salt,
                "iterations", 100, "keylen", 32, "role", "user"));
        craUsers.put("both", Map.of("secret", "both-secret", "role", "user"));
        Map<String, Object> staticMethods = new LinkedHashMap<>();
        staticMethods.put("ticket", Map.of("type", "static", "principals", ticketPrincipals));
        staticMethods.put("wampcra", Map.of("type", "static", "users", craUsers));
        staticMethods.put("cryptosign", Map.of("type", "static", "principals",
                Map.of("carol", Map.of("authorized_keys", List.of(secrets.get("carol_pubkey")), "role", "user"))));
        Map<String, Object> dynamic = Map.of("type", "dynamic", "authenticator", "e2e.authn.authenticate",
                "authenticator-realm", AUTHN);
        Map<String, Object> dynamicMethods = Map.of("ticket", dynamic, "wampcra", dynamic);
        List<Object> roles = List.of(
                Map.of("name", "user", "permissions", List.of(
                        permission("e2e.authz.call.", Map.of("call", true), Map.of()),
                        permission("e2e.authz.reg.", Map.of("register", true), Map.of()),
                        permission("e2e.authz.pub.", Map.of("publish", true), Map.of()),
                        permission("e2e.authz.sub.", Map.of("subscribe", true), Map.of()),
                        permission("e2e.authz.disclosed.", Map.of("call", true, "publish", true),
                                Map.of("caller", true, "publisher", true)))),
                Map.of("name", "backend", "permissions", List.of(permission("", Map.of("call", true, "register", true,
                        "publish", true, "subscribe", true), Map.of()))),
                Map.of("name", "dynuser", "authorizer", "e2e.authz.authorize"));

        Path source = E2e.workDir().resolve("configured-deploy");
        NodeProcess.Builder builder = NodeProcess.builder("configured");
        try {
            Files.createDirectories(source);
            Map<String, String> files = new LinkedHashMap<>();
            // A .config file (Felix typed format) for the array-valued eventHistory.
            files.put("dev.switchboard.realm-adv.config", "name=\"" + ADV + "\"\n"
                    + "eventHistory=[\"e2e.hist.;match=prefix;limit=5\",\"e2e.histx.exact;limit=100\"]\n");
            files.put("dev.switchboard.realm-meta.cfg", "name=" + META + "\n");
            files.put("dev.switchboard.realm-app.cfg", "name=" + APP + "\n");
            files.put("dev.switchboard.realm-authn.cfg", "name=" + AUTHN + "\n");
            files.put("dev.switchboard.realm-authz.cfg", "name=" + AUTHZ + "\nroles=" + json(roles) + "\n");
            files.put("dev.switchboard.auth-static.cfg", "name=static\nmethods=" + json(staticMethods) + "\n");
            files.put("dev.switchboard.auth-dynamic.cfg", "name=dynamic\nmethods=" + json(dynamicMethods) + "\n");
            files.put("dev.switchboard.transport.websocket-static.cfg",
                    "name=static\nhost=127.0.0.1\nport=" + staticWs + "\npath=/ws\nauth=static\n");
            files.put("dev.switchboard.transport.websocket-dynamic.cfg",
                    "name=dynamic\nhost=127.0.0.1\nport=" + dynamicWs + "\npath=/ws\nauth=dynamic\n");
            files.put("dev.switchboard.transport.rawsocket-static.cfg",
                    "name=static-rs\nhost=127.0.0.1\nport=" + staticRs + "\nauth=static\n");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = source.resolve(file.getKey());
                Files.writeString(path, file.getValue(), StandardCharsets.ISO_8859_1);
                builder.predeploy(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeProcess node = NodeProcess.startReady(builder);
        try {
            awaitListening(node, staticWs);
            awaitListening(node, dynamicWs);
            awaitListening(node, staticRs);
            for (String realm : List.of(ADV, META, APP, AUTHN, AUTHZ)) {
                awaitLog(node, "Realm '" + realm + "' started");
            }
            awaitLog(node, "Authentication policy 'static' ready");
            awaitLog(node, "Authentication policy 'dynamic' ready");
        } catch (AssertionError e) {
            node.kill();
            throw e;
        }
        return new Configured(node, staticWs, dynamicWs, staticRs, Map.copyOf(secrets));
    }

    private static Map<String, Object> permission(String uri, Map<String, Object> allow, Map<String, Object> disclose) {
        return Map.of("uri", uri, "match", "prefix", "allow", allow, "disclose", disclose);
    }

    /** One line of JSON (FileInstall .cfg values are single-line properties; no backslashes in ours). */
    private static String json(Object value) {
        try {
            String text = JSON.writeValueAsString(value);
            if (text.contains("\\")) {
                throw new IllegalStateException("a backslash would be an escape in a .cfg file: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitListening(NodeProcess node, int port) {
        long deadline = System.nanoTime() + CONFIGURED_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                sleep(100);
            }
        }
        throw new AssertionError("the configured listener on port " + port + " did not come up within "
                + CONFIGURED_TIMEOUT.toSeconds() + " s\n" + node.tail(40));
    }

    private static void awaitLog(NodeProcess node, String text) {
        if (node.awaitLine(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(text)), CONFIGURED_TIMEOUT)
                .isEmpty()) {
            throw new AssertionError("no '" + text + "' in the configured node's log\n" + node.tail(40));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fresh Ed25519 key pair from the JDK: {seed (32 bytes), public key (32 bytes)}. */
    static byte[][] ed25519() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();   // 16-byte PKCS#8 header, then the 32-byte seed
            byte[] x509 = pair.getPublic().getEncoded();     // 12-byte SubjectPublicKeyInfo header, then the key
            return new byte[][] {Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length),
                Arrays.copyOfRange(x509, x509.length - 32, x509.length)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ticket stored as {@code $pbkdf2-sha256$ITERATIONS$SALT$HASH} (README, Configuration). */
    static String pbkdf2Ticket(String ticket) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = pbkdf2(ticket, salt, 1000, 32);
        return "$pbkdf2-sha256$1000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    /** The salted WAMP-CRA key: base64(PBKDF2-HMAC-SHA256(password, salt, iterations, keylen)), as Autobahn derives it. */
    static String deriveKey(String password, String salt, int iterations, int keylen) {
        return Base64.getEncoder().encodeToString(pbkdf2(password, salt.getBytes(StandardCharsets.UTF_8), iterations,
                keylen));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int keylen) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, keylen * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
