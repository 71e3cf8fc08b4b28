package dev.switchboard.client.internal;

import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Challenge;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Interrupt;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.CallResult;
import dev.switchboard.client.JoinOptions;
import dev.switchboard.client.PublishOptions;
import dev.switchboard.client.Registration;
import dev.switchboard.client.SessionClosedException;
import dev.switchboard.client.testing.TestSupport;
import dev.switchboard.client.testing.TestSupport.RecordingListener;
import dev.switchboard.client.WampException;
import dev.switchboard.client.WampSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client session state machine against a scripted router: exactly what goes over the wire. */
class ProtocolTest {
    private static final ClientSession.Timeouts FAST = new ClientSession.Timeouts(Duration.ofMillis(300),
            Duration.ofMillis(300));

    private final Joins joins = new Joins("test", FAST);
    private final ScriptedTransport router = new ScriptedTransport();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        joins.close(Duration.ofMillis(100));
    }

    private CompletableFuture<WampSession> startJoin() {
        return joins.join("realm1", listener, JoinOptions.defaults(), router.factory(), ReconnectPolicy.NEVER);
    }

    private WampSession joined() {
        CompletableFuture<WampSession> join = startJoin();
        router.next(Hello.class);
        router.deliver(new Welcome(42, Map.of("authid", "alice", "authrole", "user")));
        return await(join);
    }

    @Test
    @SuppressWarnings("unchecked")
    void helloAnnouncesEveryRoleWithItsFeatures() {
        CompletableFuture<WampSession> join = joins.join("realm1", listener,
                JoinOptions.defaults().withAuthid("alice").withAuthrole("user"), router.factory(), ReconnectPolicy.NEVER);
        Hello hello = router.next(Hello.class);

        assertEquals("realm1", hello.realm());
        assertEquals("alice", hello.details().get("authid"));
        assertEquals("user", hello.details().get("authrole"));
        Map<String, Object> roles = (Map<String, Object>) hello.details().get("roles");
        assertEquals(Map.of("features", Map.of("progressive_call_results", true, "call_canceling", true,
                "call_timeout", true, "caller_identification", true)), roles.get("caller"));
        assertEquals(Map.of("features", Map.of("progressive_call_results", true, "call_canceling", true,
                "caller_identification", true, "pattern_based_registration", true, "shared_registration", true)),
                roles.get("callee"));
        assertEquals(Map.of("features", Map.of("publisher_exclusion", true, "publisher_identification", true,
                "subscriber_blackwhite_listing", true)), roles.get("publisher"));
        assertEquals(Map.of("features", Map.of("pattern_based_subscription", true, "publisher_identification", true,
                "event_retention", true)), roles.get("subscriber"));

        router.deliver(new Welcome(42, Map.of("authid", "alice", "authrole", "user")));
        WampSession session = await(join);
        assertEquals(42, session.id());
        assertEquals("alice", session.authid());
        assertEquals("user", session.authrole());
    }

    @Test
    void requestIdsCountUpFromOneAcrossRequestTypes() {
        WampSession session = joined();

        session.register("com.example.p", inv -> null);
        session.call("com.example.p", List.of(1), null);
        session.subscribe("com.example.t", e -> { });
        session.publish("com.example.t", null, null, PublishOptions.defaults().withAcknowledge(true));

        assertEquals(1, router.next(Register.class).request());
        assertEquals(2, router.next(Call.class).request());
        assertEquals(3, router.next(Subscribe.class).request());
        assertEquals(4, router.next(Publish.class).request());
    }

    @Test
    void interruptIsAnsweredOnceAndTheLateResultIsDropped() throws InterruptedException {
        WampSession session = joined();
        CompletableFuture<dev.switchboard.client.Result> answer = new CompletableFuture<>();
        BlockingQueue<dev.switchboard.client.Invocation> invocations = new LinkedBlockingQueue<>();
        CompletableFuture<Registration> reg = session.register("com.example.slow", inv -> {
            invocations.add(inv);
            return answer.thenApply(r -> r); // a stage that cancelling does not complete
        });
        router.deliver(new Registered(router.next(Register.class).request(), 7));
        await(reg);

        router.deliver(new Invocation(1, 7, Map.of("receive_progress", true), List.of("x"), null));
        dev.switchboard.client.Invocation inv = TestSupport.poll(invocations);
        router.deliver(new Interrupt(1, Map.of("mode", "kill")));

        Error error = router.next(Error.class);
        assertEquals(Invocation.TYPE, error.requestType());
        assertEquals(1, error.request());
        assertEquals(WampErrors.CANCELED, error.error());
        assertEquals(dev.switchboard.client.CancelMode.KILL, await(inv.interrupted()));
        assertFalse(inv.progress(List.of(1), null), "no progress after INTERRUPT");
        answer.complete(dev.switchboard.client.Result.of("late"));
        router.assertNothingSent();
    }

    @Test
    void aBlockedProcedureHoldsUpNeitherTheRouterThreadNorOtherReplies() throws InterruptedException {
        WampSession session = joined();
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        CompletableFuture<Registration> reg = session.register("com.example.block", inv -> {
            threads.add(Thread.currentThread().getName());
            release.await();
            return CompletableFuture.completedFuture(dev.switchboard.client.Result.of("done"));
        });
        router.deliver(new Registered(router.next(Register.class).request(), 7));
        await(reg);
        CompletableFuture<CallResult> call = session.call("com.example.other", null, null);
        long callRequest = router.next(Call.class).request();

        long start = System.nanoTime();
        router.deliver(new Invocation(1, 7, Map.of()));
        router.deliver(new Result(callRequest, Map.of(), List.of("other"), null));
        long deliverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals("other", await(call).arg(0), "a RESULT gets through while a procedure blocks");
        String thread = TestSupport.poll(threads);
        assertTrue(thread.startsWith("switchboard-client-test-"), thread);
        assertNotEquals(Thread.currentThread().getName(), thread);
        assertTrue(deliverMillis < 100, "delivering took " + deliverMillis + " ms");
        release.countDown();
        assertEquals(List.of("done"), router.next(Yield.class).args());
    }

    @Test
    void abortDuringJoinFailsWithTheReasonAndMessage() {
        CompletableFuture<WampSession> join = startJoin();
        router.next(Hello.class);

        router.deliver(new Abort(Map.of("message", "no realm 'realm1'"), WampErrors.NO_SUCH_REALM));

        WampException e = awaitFailure(join, WampException.class);
        assertEquals(WampErrors.NO_SUCH_REALM, e.uri());
        assertEquals(List.of("no realm 'realm1'"), e.args());
        assertEquals("joinFailed:final", listener.next());
        assertTrue(router.closed);
    }

    @Test
    void challengeIsRefusedUntilAuthenticationIsImplemented() {
        CompletableFuture<WampSession> join = startJoin();
        router.next(Hello.class);

        router.deliver(new Challenge("wampcra", Map.of()));

        assertEquals(WampErrors.NO_MATCHING_AUTH_METHOD, router.next(Abort.class).reason());
        assertEquals(WampErrors.NO_MATCHING_AUTH_METHOD, awaitFailure(join, WampException.class).uri());
    }

    @Test
    void missingWelcomeTimesOut() {
        CompletableFuture<WampSession> join = startJoin();
        router.next(Hello.class);

        SessionClosedException e = awaitFailure(join, SessionClosedException.class);
        assertTrue(e.getMessage().contains("no WELCOME"), e.getMessage());
        assertTrue(router.closed);
    }

    @Test
    void unexpectedMessageIsAProtocolViolation() {
        WampSession session = joined();
        assertEquals("join", listener.next());

        router.deliver(new Hello("realm1", Map.of()));

        assertEquals(WampErrors.PROTOCOL_VIOLATION, router.next(Abort.class).reason());
        assertEquals("leave:" + WampErrors.PROTOCOL_VIOLATION, listener.next());
        assertEquals("disconnect:final", listener.next());
        assertFalse(session.isOpen());
        assertTrue(router.closed);
    }

    @Test
    void routerGoodbyeIsAnsweredAndFailsPendingCallsWithItsReason() {
        WampSession session = joined();
        CompletableFuture<CallResult> call = session.call("com.example.f", null, null);
        router.next(Call.class);

        router.deliver(new Goodbye(Map.of(), WampErrors.CLOSE_REALM));

        assertEquals(WampErrors.CLOSE_GOODBYE_AND_OUT, router.next(Goodbye.class).reason());
        assertEquals(WampErrors.CLOSE_REALM, awaitFailure(call, SessionClosedException.class).uri());
        assertTrue(router.closed);
    }

    @Test
    void leaveCompletesEvenWhenTheRouterNeverAnswersGoodbye() {
        WampSession session = joined();

        CompletableFuture<Void> leave = session.leave();

        assertEquals(WampErrors.CLOSE_NORMAL, router.next(Goodbye.class).reason());
        await(leave);
        assertTrue(router.closed);
        assertFalse(session.isOpen());
    }

    @Test
    void lostConnectionFailsEveryPendingRequestWithTheCause() {
        WampSession session = joined();
        assertEquals("join", listener.next());
        CompletableFuture<CallResult> call = session.call("com.example.f", null, null);
        CompletableFuture<Registration> reg = session.register("com.example.g", inv -> null);
        router.next(Call.class);
        router.next(Register.class);

        router.handler.onClosed(new java.io.IOException("cable cut"));

        SessionClosedException e = awaitFailure(call, SessionClosedException.class);
        assertEquals(SessionClosedException.TRANSPORT_LOST, e.uri());
        assertTrue(e.getMessage().contains("cable cut"), e.getMessage());
        awaitFailure(reg, SessionClosedException.class);
        assertEquals("disconnect:final", listener.next());
        assertFalse(session.isOpen());
    }
}
