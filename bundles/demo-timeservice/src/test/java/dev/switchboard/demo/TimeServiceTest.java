package dev.switchboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.ComponentSettings;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.switchboard.client.testing.TestConnectors;
import dev.switchboard.client.testing.TestSupport;

/** The TimeService component against the real router core through the in-process connector. */
class TimeServiceTest {
    private final TestRouter router = new TestRouter("realm1", "realm2");
    private final LocalConnector connector = new LocalConnector(router.router());
    private final WampSession caller = TestSupport.await(connector.join("realm1", null));

    @AfterEach
    void stop() {
        connector.close();
        router.close();
    }

    private static ComponentSettings settings(String realm, String extra) {
        return ComponentSettings.parse("TimeService", realm, "", extra, Set.of("procedure"));
    }

    private static Clock fixed(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private String callNow(WampSession session, String procedure) {
        CallResult result = TestSupport.await(session.call(procedure, null, null));
        assertEquals(1, result.args().size(), "one positional result: " + result);
        return (String) result.args().get(0);
    }

    /** Waits until the registration is there: the component registers after its join, on its own. */
    private String callWhenRegistered(WampSession session, String procedure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(TestSupport.TIMEOUT_SECONDS).toNanos();
        while (true) {
            try {
                return callNow(session, procedure);
            } catch (AssertionError e) {
                if (!(e.getCause() instanceof WampException w && WampErrors.NO_SUCH_PROCEDURE.equals(w.uri()))
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void answersTheTimeInIso8601UtcToTheSecond() {
        TimeService service = new TimeService(connector, settings("realm1", ""), fixed("2014-02-25T17:45:46.789Z"));
        try {
            assertEquals("2014-02-25T17:45:46Z", callWhenRegistered(caller, TimeService.PROCEDURE));
        } finally {
            service.deactivate();
        }
    }

    @Test
    void answersTheCurrentTime() {
        TimeService service = new TimeService(connector, settings("realm1", ""), Clock.systemUTC());
        try {
            Instant before = Instant.now().minusSeconds(1);
            Instant answer = Instant.parse(callWhenRegistered(caller, TimeService.PROCEDURE));
            assertTrue(!answer.isBefore(before) && !answer.isAfter(Instant.now()), answer + " is not now");
        } finally {
            service.deactivate();
        }
    }

    @Test
    void deactivateLeavesAndTheProcedureVanishes() {
        TimeService service = new TimeService(connector, settings("realm1", ""), Clock.systemUTC());
        callWhenRegistered(caller, TimeService.PROCEDURE);
        assertEquals(2, router.sessionCount("realm1"));

        service.deactivate();

        WampException e = TestSupport.awaitFailure(caller.call(TimeService.PROCEDURE, null, null), WampException.class);
        assertEquals(WampErrors.NO_SUCH_PROCEDURE, e.uri());
        TestSupport.eventually("the component's session is gone", () -> router.sessionCount("realm1") == 1);
    }

    /** Updating the bundle deactivates the old instance and activates a new one: its registration must succeed. */
    @Test
    void aRestartedInstanceRegistersAgain() {
        new TimeService(connector, settings("realm1", ""), fixed("2014-02-25T17:45:46Z")).deactivate();
        TimeService second = new TimeService(connector, settings("realm1", ""), fixed("2020-01-01T00:00:00Z"));
        try {
            assertEquals("2020-01-01T00:00:00Z", callWhenRegistered(caller, TimeService.PROCEDURE));
        } finally {
            second.deactivate();
        }
    }

    @Test
    void registersAgainOnEveryRejoin() {
        TimeService service = new TimeService(new TestConnectors.Rejoining(connector), settings("realm1", ""),
                fixed("2014-02-25T17:45:46Z"));
        try {
            callWhenRegistered(caller, TimeService.PROCEDURE);
            List<Object> sessions = TestSupport.await(caller.call("wamp.session.list", null, null)).args();
            long component = ((List<?>) sessions.get(0)).stream().map(id -> ((Number) id).longValue())
                    .filter(id -> id != caller.id()).findFirst().orElseThrow();

            TestSupport.await(caller.call("wamp.session.kill", List.of(component), null));

            assertEquals("2014-02-25T17:45:46Z", callWhenRegistered(caller, TimeService.PROCEDURE));
            assertEquals(2, router.sessionCount("realm1"), "the killed session is replaced, not added to");
        } finally {
            service.deactivate();
        }
        TestSupport.eventually("the rejoined session left", () -> router.sessionCount("realm1") == 1);
    }

    @Test
    void deactivatedBeforeTheJoinCompletesLeavesWhenItDoes() {
        TestConnectors.Deferred deferred = new TestConnectors.Deferred(connector);
        TimeService service = new TimeService(deferred, settings("realm1", ""), Clock.systemUTC());
        service.deactivate();

        deferred.release();

        WampSession late = TestSupport.await(deferred.joined());
        TestSupport.eventually("the late session left", () -> !late.isOpen() && router.sessionCount("realm1") == 1);
        WampException e = TestSupport.awaitFailure(caller.call(TimeService.PROCEDURE, null, null), WampException.class);
        assertEquals(WampErrors.NO_SUCH_PROCEDURE, e.uri());
    }

    @Test
    void realmAndProcedureComeFromTheConfiguration() {
        WampSession other = TestSupport.await(connector.join("realm2", null));
        TimeService service = new TimeService(connector, settings("realm2", "{\"procedure\": \"com.example.now\"}"),
                fixed("2014-02-25T17:45:46Z"));
        try {
            assertEquals("2014-02-25T17:45:46Z", callWhenRegistered(other, "com.example.now"));
            WampException e = TestSupport.awaitFailure(caller.call("com.example.now", null, null), WampException.class);
            assertEquals(WampErrors.NO_SUCH_PROCEDURE, e.uri(), "nothing on realm1");
        } finally {
            service.deactivate();
        }
    }

    @Test
    void aSecondInstanceOnTheSameRealmLeavesTheFirstOneServing() {
        TimeService first = new TimeService(connector, settings("realm1", ""), fixed("2014-02-25T17:45:46Z"));
        callWhenRegistered(caller, TimeService.PROCEDURE);
        TimeService second = new TimeService(connector, settings("realm1", ""), fixed("2020-01-01T00:00:00Z"));
        try {
            TestSupport.eventually("the second instance joined", () -> router.sessionCount("realm1") == 3);
            assertEquals("2014-02-25T17:45:46Z", callNow(caller, TimeService.PROCEDURE));
        } finally {
            second.deactivate();
            first.deactivate();
        }
    }

    // ---- configuration, as DS hands it over ----

    @Test
    void theDsConstructorReadsTheConfiguration() {
        WampSession other = TestSupport.await(connector.join("realm2", null));
        TimeService service = new TimeService(connector, config("realm2", "", "{\"procedure\": \"com.example.t\"}"));
        try {
            Instant.parse(callWhenRegistered(other, "com.example.t"));
        } finally {
            service.deactivate();
        }
    }

    @Test
    void invalidConfigurationFailsActivationWithTheProperty() {
        assertMessage("TimeService property 'extra' has unknown key 'procedur' (known: [procedure])",
                config("realm1", "", "{\"procedur\": \"x\"}"));
        assertMessage("TimeService property 'extra' must be a JSON object", config("realm1", "", "[1]"));
        assertMessage("TimeService property 'extra' is not valid JSON", config("realm1", "", "{procedure"));
        assertMessage("TimeService property 'extra' key 'procedure' must be a non-empty string",
                config("realm1", "", "{\"procedure\": 7}"));
        assertMessage("TimeService property 'realm' must not be empty", config(" ", "", ""));
        assertEquals(1, router.sessionCount("realm1"), "nothing joined");
    }

    private void assertMessage(String start, TimeServiceConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeService(connector, config));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static TimeServiceConfig config(String realm, String role, String extra) {
        return new TimeServiceConfig() {
            @Override public String realm() { return realm; }
            @Override public String role() { return role; }
            @Override public String extra() { return extra; }
            @Override public Class<? extends Annotation> annotationType() { return TimeServiceConfig.class; }
        };
    }
}
