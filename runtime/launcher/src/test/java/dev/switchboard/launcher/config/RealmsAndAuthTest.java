package dev.switchboard.launcher.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.switchboard.launcher.config.NodeConfig.RealmSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Realms (roles, options, event history) and transports' auth: validated, and passed on as the router reads them. */
class RealmsAndAuthTest {

    @TempDir
    Path node;

    private NodeConfigReader.Result realm(String realm) {
        return NodeConfigReader.read("{\"version\": 2, \"workers\": [{\"type\": \"router\", \"realms\": [" + realm
                + "]}]}", node);
    }

    private NodeConfigReader.Result auth(String auth) {
        return NodeConfigReader.read("""
                {"version": 2, "workers": [{"type": "router", "realms": [{"name": "realm1"}],
                  "transports": [{"type": "rawsocket", "id": "secure", "endpoint": {"type": "tcp", "port": 8083},
                                  "auth": %s}]}]}""".formatted(auth), node);
    }

    private static void assertOnly(String expected, NodeConfigReader.Result result) {
        assertEquals(List.of(expected), result.problems().errors());
    }

    @Test
    void rolesArePassedOnAsTheRoutersJson() {
        String roles = "[{\"name\": \"user\", \"permissions\": [{\"uri\": \"com.example.\", \"match\": \"prefix\","
                + " \"allow\": {\"call\": true, \"subscribe\": true}, \"disclose\": {\"caller\": true}, \"cache\": true}]},"
                + " {\"name\": \"backend\", \"authorizer\": \"com.example.authorize\"}]";
        NodeConfigReader.Result result = realm("{\"name\": \"app\", \"options\": {\"uri_check\": \"strict\"},"
                + " \"roles\": " + roles + "}");
        assertEquals(List.of(), result.problems().errors());
        RealmSpec realm = result.config().router().realms().get(0);
        assertEquals("app", realm.properties().get("name"));
        assertEquals("strict", realm.properties().get("uriCheck"));
        assertEquals(JsonParser.parseString(roles), JsonParser.parseString((String) realm.properties().get("roles")));
    }

    @Test
    void aRoleHasPermissionsOrAnAuthorizer() {
        assertOnly("workers[0].realms[0].roles[0].permissions: missing (expected an array of permissions, or an"
                + " \"authorizer\" procedure)", realm("{\"name\": \"r\", \"roles\": [{\"name\": \"user\"}]}"));
        assertOnly("workers[0].realms[0].roles[0].permissions: a role has either permissions or an authorizer, not"
                + " both", realm("{\"name\": \"r\", \"roles\": [{\"name\": \"u\", \"authorizer\": \"a.b\","
                + " \"permissions\": []}]}"));
        assertOnly("workers[0].realms[0].roles[0].permissions[0].allow.call: expected true or false, got \"yes\"",
                realm("{\"name\": \"r\", \"roles\": [{\"name\": \"u\", \"permissions\": [{\"uri\": \"a\", \"allow\":"
                        + " {\"call\": \"yes\"}}]}]}"));
        assertOnly("workers[0].realms[0].roles[0].permissions[0].validate: not supported by Switchboard: payload"
                + " validation against WAMP types", realm("{\"name\": \"r\", \"roles\": [{\"name\": \"u\","
                + " \"permissions\": [{\"uri\": \"a\", \"validate\": {}}]}]}"));
        assertOnly("workers[0].realms[0].roles[0].permissions[0].match: expected one of \"exact\", \"prefix\","
                + " \"wildcard\", got \"glob\"", realm("{\"name\": \"r\", \"roles\": [{\"name\": \"u\", \"permissions\":"
                + " [{\"uri\": \"a\", \"match\": \"glob\"}]}]}"));
    }

    @Test
    void eventHistoryBecomesTheRoutersEntries() {
        NodeConfigReader.Result result = realm("{\"name\": \"r\", \"store\": {\"type\": \"memory\", \"limit\": 50,"
                + " \"event-history\": [{\"uri\": \"com.example.oncounter\", \"limit\": 10000},"
                + " {\"uri\": \"com.example.\", \"match\": \"prefix\"}]}}");
        assertEquals(List.of(), result.problems().errors());
        assertArrayEquals(new String[] {"com.example.oncounter;match=exact;limit=10000",
                "com.example.;match=prefix;limit=50"},
                (String[]) result.config().router().realms().get(0).properties().get("eventHistory"));
        assertOnly("workers[0].realms[0].store.type: not supported by Switchboard: store type \"cfxdb\"; the event"
                + " store is in memory (\"memory\")", realm("{\"name\": \"r\", \"store\": {\"type\": \"cfxdb\"}}"));
    }

    @Test
    void theMetaApiCannotBeTurnedOff() {
        assertOnly("workers[0].realms[0].options.enable_meta_api: not supported by Switchboard: turning off the meta"
                + " API (wamp.session.*, wamp.registration.*, wamp.subscription.*); it is always on",
                realm("{\"name\": \"r\", \"options\": {\"enable_meta_api\": false}}"));
    }

    @Test
    void realmNamesAreUris() {
        assertOnly("workers[0].realms[0].name: expected a realm name (a URI such as realm1 or com.example), got"
                + " \"my realm\"", realm("{\"name\": \"my realm\"}"));
    }

    @Test
    void authBecomesAPolicyNamedAfterItsTransport() {
        String methods = "{\"ticket\": {\"type\": \"static\", \"principals\": {\"joe\": {\"ticket\": \"secret\","
                + " \"role\": \"user\", \"realm\": \"realm1\"}}}, \"wampcra\": {\"type\": \"dynamic\","
                + " \"authenticator\": \"com.example.authenticate\", \"authenticator-realm\": \"realm1\"},"
                + " \"anonymous\": {\"type\": \"static\", \"role\": \"guest\"}, \"cryptosign\": {\"type\": \"static\","
                + " \"principals\": {\"bot\": {\"authorized_keys\": [\"" + "ab".repeat(32) + "\"], \"role\": \"bot\"}}}}";
        NodeConfigReader.Result result = auth(methods);
        assertEquals(List.of(), result.problems().errors());
        var transport = result.config().router().transports().get(0);
        assertEquals("secure", transport.properties().get("auth"));
        assertEquals(JsonParser.parseString(methods), JsonParser.parseString(transport.authMethods()));
    }

    @Test
    void authNamesOnlyKnownRealms() {
        assertOnly("workers[0].transports[0].auth.ticket.principals.joe.realm: unknown realm \"realm2\" (this"
                + " router's realms: realm1)", auth("{\"ticket\": {\"type\": \"static\", \"principals\": {\"joe\":"
                + " {\"ticket\": \"s\", \"role\": \"user\", \"realm\": \"realm2\"}}}}"));
        assertOnly("workers[0].transports[0].auth.ticket.authenticator-realm: unknown realm \"auth\" (this router's"
                + " realms: realm1)", auth("{\"ticket\": {\"type\": \"dynamic\", \"authenticator\": \"a.b\","
                + " \"authenticator-realm\": \"auth\"}}"));
    }

    @Test
    void authMethodsTheRouterDoesNotHaveAreRefused() {
        assertOnly("workers[0].transports[0].auth.cookie: not supported by Switchboard: cookie authentication",
                auth("{\"cookie\": {}}"));
        assertOnly("workers[0].transports[0].auth.tls: not supported by Switchboard: TLS client certificate"
                + " authentication", auth("{\"tls\": {\"type\": \"static\"}}"));
        assertOnly("workers[0].transports[0].auth.wampcra.users.joe.realm: not supported by Switchboard: restricting"
                + " a WAMP-CRA user to a realm", auth("{\"wampcra\": {\"type\": \"static\", \"users\": {\"joe\":"
                + " {\"secret\": \"s\", \"role\": \"user\", \"realm\": \"realm1\"}}}}"));
        assertOnly("workers[0].transports[0].auth.cryptosign.type: not supported by Switchboard: authenticator"
                + " functions loaded from Python code; use a dynamic authenticator procedure",
                auth("{\"cryptosign\": {\"type\": \"function\"}}"));
        assertOnly("workers[0].transports[0].auth.kerberos: unknown authentication method (expected one of"
                + " anonymous, ticket, wampcra, cryptosign)", auth("{\"kerberos\": {}}"));
    }

    @Test
    void authEntriesAreChecked() {
        assertOnly("workers[0].transports[0].auth.ticket.principals.joe.ticket: missing (expected a string)",
                auth("{\"ticket\": {\"type\": \"static\", \"principals\": {\"joe\": {\"role\": \"user\"}}}}"));
        assertOnly("workers[0].transports[0].auth.ticket.type: expected one of \"static\", \"dynamic\", got"
                + " \"magic\"", auth("{\"ticket\": {\"type\": \"magic\"}}"));
        assertOnly("workers[0].transports[0].auth.cryptosign.principals.bot.authorized_keys[0]: expected an"
                + " Ed25519 public key as 64 hexadecimal digits, got \"abc\"", auth("{\"cryptosign\": {\"type\":"
                + " \"static\", \"principals\": {\"bot\": {\"authorized_keys\": [\"abc\"], \"role\": \"r\"}}}}"));
        assertTrue(auth("{}").problems().errors().get(0).startsWith("workers[0].transports[0].auth: expected at"
                + " least one authentication method"));
    }
}
