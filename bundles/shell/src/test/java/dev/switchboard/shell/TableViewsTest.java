package dev.switchboard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableViewsTest {

    private final FakeRouterAdmin router = new FakeRouterAdmin();

    @Test
    void realmsTable() {
        assertEquals("""
                REALM   SESSIONS  REGISTRATIONS  SUBSCRIPTIONS  PENDING CALLS  MSGS IN  MSGS OUT
                realm1         2              1              1              0       12        10
                """, TableViews.realms(router.realms()));
        assertEquals("no realms\n", TableViews.realms(List.of()));
    }

    @Test
    void sessionsTableOfOneRealmLeavesOutTheRealmAndShowsUnknownPendingBytesAsDash() {
        assertEquals("""
                     ID  AUTHID  AUTHROLE  AUTHMETHOD  TRANSPORT  PEER                  SERIALIZER  JOINED                MSGS IN  MSGS OUT  PENDING OUT
                1234567  alice   user      anonymous   websocket  tcp4:127.0.0.1:50000  json        2026-01-02T03:04:05Z        7         5            0
                     42  bob     backend   ticket      rawsocket  tcp4:127.0.0.1:50001  msgpack     2026-01-02T03:05:05Z        5         5            -
                """, TableViews.sessions(router.sessions("realm1"), false));
    }

    @Test
    void sessionsTableOfEveryRealmHasARealmColumn() {
        String header = TableViews.sessions(router.sessions(null), true).lines().findFirst().orElseThrow();
        assertEquals("     ID  REALM   AUTHID  AUTHROLE  AUTHMETHOD  TRANSPORT  PEER                  SERIALIZER"
                + "  JOINED                MSGS IN  MSGS OUT  PENDING OUT", header);
    }

    @Test
    void sessionDetailListsItsRegistrationsAndSubscriptions() {
        String text = TableViews.session(router.alice, List.of(router.add), List.of(),
                FakeRouterAdmin.T0.plusSeconds(3723));
        assertEquals("""
                id            1234567
                realm         realm1
                authid        alice
                authrole      user
                authmethod    anonymous
                transport     websocket
                listener      ws://127.0.0.1:8080/ws
                peer          tcp4:127.0.0.1:50000
                serializer    json
                joined        2026-01-02T03:04:05Z (1h 2m ago)
                messages in   7
                messages out  5
                pending out   0

                registrations (1)
                ID  PROCEDURE        MATCH  INVOKE  CALLEES  CREATED
                11  com.example.add  exact  single  1234567  2026-01-02T03:04:05Z

                subscriptions (0)
                """, text);
    }

    @Test
    void registrationsAndSubscriptionsTables() {
        assertEquals("""
                ID  REALM   PROCEDURE        MATCH  INVOKE  CALLEES  CREATED
                11  realm1  com.example.add  exact  single  1234567  2026-01-02T03:04:05Z
                """, TableViews.registrations(router.registrations(null), true));
        assertEquals("""
                ID  TOPIC         MATCH   SUBSCRIBERS  CREATED
                21  com.example.  prefix            1  2026-01-02T03:04:05Z
                """, TableViews.subscriptions(router.subscriptions("realm1"), false));
        assertEquals("no registrations\n", TableViews.registrations(List.of(), true));
        assertEquals("no subscriptions\n", TableViews.subscriptions(List.of(), true));
    }

    @Test
    void transportsTable() {
        List<ListenerView> listeners = List.of(
                new ListenerView("rawsocket", "rawsocket", List.of("rs://127.0.0.1:8081"), 0),
                new ListenerView("websocket", "websocket", List.of("ws://127.0.0.1:8080/ws", "ws+unix:run/ws.sock"),
                        3));
        assertEquals("""
                LISTENER   TRANSPORT  CONNECTIONS  ADDRESSES
                rawsocket  rawsocket            0  rs://127.0.0.1:8081
                websocket  websocket            3  ws://127.0.0.1:8080/ws ws+unix:run/ws.sock
                """, TableViews.transports(listeners));
    }

    @Test
    void statsShowMessagesByTypeInAndOutAndErrorsByUri() {
        assertEquals("""
                realm realm1: 12 in, 10 out
                MESSAGE   IN  OUT
                CALL       3    0
                ERROR      0    1
                HELLO      2    0
                REGISTER   1    0
                RESULT     0    2
                WELCOME    0    2
                ERROR                         COUNT
                wamp.error.no_such_procedure      1
                """, TableViews.stats(router.realms()));
    }

    @Test
    void callResultShowsEachPartAsJson() {
        assertEquals("args:   [3,\"x\"]\n", TableViews.callResult(List.of(3, "x"), Map.of()));
        assertEquals("kwargs: {\"a\":1}\n", TableViews.callResult(List.of(), Map.of("a", 1)));
        assertEquals("result: (no arguments)\n", TableViews.callResult(List.of(), Map.of()));
    }

    @Test
    void ageUsesTheTwoLargestUnits() {
        Instant t = FakeRouterAdmin.T0;
        assertEquals("42s", TableViews.age(t, t.plusSeconds(42)));
        assertEquals("5m 12s", TableViews.age(t, t.plusSeconds(312)));
        assertEquals("2h 0m", TableViews.age(t, t.plusSeconds(7200)));
        assertEquals("3d 4h", TableViews.age(t, t.plusSeconds(3 * 86_400 + 4 * 3_600 + 59)));
        assertEquals("0s", TableViews.age(t, t.minusSeconds(5)));
    }
}
