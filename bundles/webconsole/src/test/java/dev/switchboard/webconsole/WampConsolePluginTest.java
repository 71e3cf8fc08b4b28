package dev.switchboard.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.router.TransportListener;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WampConsolePluginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeRouterAdmin router = new FakeRouterAdmin();
    private final CsrfGuard csrf = new CsrfGuard(new byte[32]);
    private final WampConsolePlugin plugin = new WampConsolePlugin(router,
            List.of(Map.entry(Map.of("name", "websocket"), listener())), csrf,
            Clock.fixed(FakeRouterAdmin.T0.plusSeconds(10), ZoneOffset.UTC));

    @Test
    void pageEmbedsTheTokenOfTheLoggedInUser() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        plugin.doGet(new FakeHttp.Request("GET", "/wamp").proxy(), response.proxy());
        assertTrue(response.body().contains("data-csrf=\"" + csrf.tokenFor("admin") + "\""), response.body());
        assertEquals(null, response.contentType, "inside the console page, the console sets the content type");
    }

    @Test
    void dataJsonHasEverySectionAndRawStringsForTheScriptToEscape() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        plugin.doGet(new FakeHttp.Request("GET", "/wamp/data.json").proxy(), response.proxy());
        assertEquals(200, response.status);
        assertEquals("application/json;charset=utf-8", response.contentType);
        JsonNode data = JSON.readTree(response.body());
        assertEquals(FakeRouterAdmin.T0.plusSeconds(10).toEpochMilli(), data.get("time").asLong());
        assertEquals(3, data.get("realms").get(0).get("errors").asLong());
        assertEquals(42, data.get("sessions").get(0).get("id").asLong());
        assertEquals("<script>alert(1)</script>", data.get("sessions").get(0).get("authid").asText());
        assertTrue(data.get("sessions").get(0).get("pendingOutboundBytes").isNull());
        assertEquals(1, data.get("sessionCount").asInt());
        assertEquals("com.example.add", data.get("registrations").get(0).get("procedure").asText());
        assertEquals("com.example.news", data.get("subscriptions").get(0).get("topic").asText());
        assertEquals(3, data.get("transports").get(0).get("connections").asInt());
    }

    @Test
    void routerThatDoesNotAnswerGives503WithTheReason() throws Exception {
        router.failure = new IllegalStateException("realm 'realm1' did not answer");
        FakeHttp.Response response = new FakeHttp.Response();
        plugin.doGet(new FakeHttp.Request("GET", "/wamp/data.json").proxy(), response.proxy());
        assertEquals(503, response.status);
        assertEquals("cannot read the router: realm 'realm1' did not answer",
                JSON.readTree(response.body()).get("error").asText());
    }

    @Test
    void killWithTheTokenClosesTheSessionAndSaysWhoDidIt() throws Exception {
        FakeHttp.Response response = post(new FakeHttp.Request("POST", "/wamp/kill")
                .header(CsrfGuard.HEADER, csrf.tokenFor("admin")).header("Origin", "http://127.0.0.1:8090")
                .parameter("session", "42"));
        assertEquals(200, response.status, response.body());
        assertEquals(42, JSON.readTree(response.body()).get("killed").asLong());
        assertEquals(List.of("42 null killed from the Web Console by admin"), router.kills);
    }

    @Test
    void killWithoutTheTokenIsRefusedAndKillsNothing() throws Exception {
        FakeHttp.Response response = post(new FakeHttp.Request("POST", "/wamp/kill").parameter("session", "42"));
        assertEquals(403, response.status);
        assertTrue(response.body().contains("missing X-Switchboard-CSRF"), response.body());
        assertEquals(List.of(), router.kills);
    }

    @Test
    void killFromAnotherSiteIsRefusedEvenWithAToken() throws Exception {
        FakeHttp.Response response = post(new FakeHttp.Request("POST", "/wamp/kill")
                .header(CsrfGuard.HEADER, csrf.tokenFor("admin")).header("Sec-Fetch-Site", "cross-site")
                .parameter("session", "42"));
        assertEquals(403, response.status);
        assertEquals(List.of(), router.kills);
    }

    @Test
    void killOfUnknownOrMalformedSessionIsAClearError() throws Exception {
        FakeHttp.Response unknown = post(new FakeHttp.Request("POST", "/wamp/kill")
                .header(CsrfGuard.HEADER, csrf.tokenFor("admin")).parameter("session", "7"));
        assertEquals(404, unknown.status);
        assertEquals("no session 7", JSON.readTree(unknown.body()).get("error").asText());
        FakeHttp.Response malformed = post(new FakeHttp.Request("POST", "/wamp/kill")
                .header(CsrfGuard.HEADER, csrf.tokenFor("admin")).parameter("session", "x"));
        assertEquals(400, malformed.status);
    }

    @Test
    void unknownRoutesAre404() throws Exception {
        FakeHttp.Response get = new FakeHttp.Response();
        plugin.doGet(new FakeHttp.Request("GET", "/wamp/other.json").proxy(), get.proxy());
        assertEquals(404, get.status);
        assertEquals(404, post(new FakeHttp.Request("POST", "/wamp/restart")).status);
    }

    private FakeHttp.Response post(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        plugin.doPost(request.proxy(), response.proxy());
        return response;
    }

    private static TransportListener listener() {
        return new TransportListener() {
            @Override
            public String transport() {
                return "websocket";
            }

            @Override
            public List<String> addresses() {
                return List.of("ws://127.0.0.1:8080/ws");
            }

            @Override
            public int connectionCount() {
                return 3;
            }
        };
    }
}
