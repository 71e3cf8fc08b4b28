package dev.switchboard.client;

import dev.switchboard.client.testing.TestSupport;
import static dev.switchboard.client.testing.TestSupport.await;
import static dev.switchboard.client.testing.TestSupport.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.internal.LocalConnector;
import dev.switchboard.router.TestRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Remote procedure calls between two in-process sessions through the real router core. */
class LocalRpcTest {
    private final TestRouter router = new TestRouter("realm1");
    private final LocalConnector connector = new LocalConnector(router.router());
    private final WampSession callee = await(connector.join("realm1", null));
    private final WampSession caller = await(connector.join("realm1", null));

    @AfterEach
    void stop() {
        connector.close();
        router.close();
    }

    @Test
    void callCarriesArgsAndKwargsBothWays() {
        AtomicReference<Invocation> seen = new AtomicReference<>();
        await(callee.register("com.example.add", Procedure.sync(inv -> {
            seen.set(inv);
            long sum = ((Number) inv.arg(0)).longValue() + ((Number) inv.arg(1)).longValue();
            return Result.of(List.of(sum), Map.of("label", inv.kwargs().get("label")));
        })));

        CallResult r = await(caller.call("com.example.add", List.of(2, 3), Map.of("label", "sum")));

        assertEquals(List.of(5L), r.args());
        assertEquals("sum", r.kwarg("label"));
        assertFalse(r.progress());
        assertEquals("com.example.add", seen.get().procedure());
        assertNull(seen.get().caller(), "caller not disclosed unless asked");
    }

    @Test
    void discloseMeTellsTheCalleeWhoCalls() {
        BlockingQueue<Invocation> seen = new LinkedBlockingQueue<>();
        await(callee.register("com.example.who", Procedure.sync(inv -> {
            seen.add(inv);
            return Result.empty();
        })));

        await(caller.call("com.example.who", null, null, CallOptions.defaults().withDiscloseMe(true)));

        Invocation inv = TestSupport.poll(seen);
        assertEquals(caller.id(), inv.caller());
        assertEquals(caller.authid(), inv.callerAuthid());
        assertEquals("trusted", inv.callerAuthrole());
    }

    @Test
    void proceduresRunOnClientThreadsNotOnTheRouters() {
        AtomicReference<String> thread = new AtomicReference<>();
        await(callee.register("com.example.thread", Procedure.sync(inv -> {
            thread.set(Thread.currentThread().getName());
            return Result.empty();
        })));

        await(caller.call("com.example.thread", null, null));

        assertTrue(thread.get().startsWith("switchboard-client-local-"), thread.get());
    }

    @Test
    void wampExceptionFromAProcedureReachesTheCallerWithUriArgsAndKwargs() {
        await(callee.register("com.example.fail", Procedure.sync(inv -> {
            throw new WampException("com.example.error.bad_input", List.of("no", 7), Map.of("field", "x"));
        })));

        WampException e = awaitFailure(caller.call("com.example.fail", null, null), WampException.class);

        assertEquals("com.example.error.bad_input", e.uri());
        assertEquals(List.of("no", 7), e.args()); // in-process: payloads keep their Java types
        assertEquals(Map.of("field", "x"), e.kwargs());
    }

    @Test
    void asynchronousFailureWithWampExceptionKeepsItsUri() {
        await(callee.register("com.example.async_fail",
                inv -> CompletableFuture.failedFuture(new WampException("com.example.error.later", "later"))));

        WampException e = awaitFailure(caller.call("com.example.async_fail", null, null), WampException.class);

        assertEquals("com.example.error.later", e.uri());
        assertEquals(List.of("later"), e.args());
    }

    @Test
    void anyOtherExceptionBecomesRuntimeErrorWithItsMessage() {
        await(callee.register("com.example.npe", Procedure.sync(inv -> {
            throw new IllegalStateException("the widget is broken");
        })));

        WampException e = awaitFailure(caller.call("com.example.npe", null, null), WampException.class);

        assertEquals("wamp.error.runtime_error", e.uri());
        assertEquals(List.of("the widget is broken"), e.args());
    }

    @Test
    void unknownProcedureFailsWithNoSuchProcedure() {
        WampException e = awaitFailure(caller.call("com.example.nobody", null, null), WampException.class);
        assertEquals(WampErrors.NO_SUCH_PROCEDURE, e.uri());
    }

    @Test
    void secondRegistrationOfTheSameProcedureFails() {
        await(callee.register("com.example.once", Procedure.sync(inv -> Result.empty())));
        WampException e = awaitFailure(caller.register("com.example.once", Procedure.sync(inv -> Result.empty())),
                WampException.class);
        assertEquals(WampErrors.PROCEDURE_ALREADY_EXISTS, e.uri());
    }

    @Test
    void progressiveResultsArriveInOrderBeforeTheFinalResult() {
        await(callee.register("com.example.count", Procedure.sync(inv -> {
            assertTrue(inv.receiveProgress());
            for (int i = 1; i <= 3; i++) {
                assertTrue(inv.progress(List.of(i), null));
            }
            return Result.of("done");
        })));
        List<Object> progress = new CopyOnWriteArrayList<>();

        CallResult r = await(caller.call("com.example.count", null, null,
                CallOptions.defaults().withProgress(p -> progress.add(p.arg(0)))));

        assertEquals(List.of(1, 2, 3), progress);
        assertEquals("done", r.arg(0));
    }

    @Test
    void progressIsNotSentWhenTheCallerDidNotAskForIt() {
        BlockingQueue<Boolean> sent = new LinkedBlockingQueue<>();
        await(callee.register("com.example.quiet", Procedure.sync(inv -> {
            sent.add(inv.progress(List.of(1), null));
            return Result.of("done");
        })));

        assertEquals("done", await(caller.call("com.example.quiet", null, null)).arg(0));
        assertFalse(TestSupport.poll(sent));
    }

    @Test
    void callTimeoutFailsTheCallAndInterruptsTheCallee() {
        BlockingQueue<CancelMode> interrupts = new LinkedBlockingQueue<>();
        await(callee.register("com.example.slow", inv -> {
            inv.interrupted().thenAccept(interrupts::add);
            return new CompletableFuture<>(); // never answers by itself
        }));

        WampException e = awaitFailure(caller.call("com.example.slow", null, null,
                CallOptions.defaults().withTimeout(Duration.ofMillis(100))), WampException.class);

        assertEquals(WampErrors.TIMEOUT, e.uri());
        assertEquals(CancelMode.KILL_NO_WAIT, TestSupport.poll(interrupts));
    }

    @Test
    void cancellingTheFutureSendsCancelAndInterruptsTheCallee() {
        BlockingQueue<Invocation> started = new LinkedBlockingQueue<>();
        BlockingQueue<CancelMode> interrupts = new LinkedBlockingQueue<>();
        await(callee.register("com.example.long", inv -> {
            inv.interrupted().thenAccept(interrupts::add);
            started.add(inv);
            return new CompletableFuture<>();
        }));
        CompletableFuture<CallResult> call = caller.call("com.example.long", null, null);
        TestSupport.poll(started);

        assertTrue(call.cancel(true));

        awaitFailure(call, CancellationException.class);
        assertEquals(CancelMode.KILL_NO_WAIT, TestSupport.poll(interrupts));
    }

    @Test
    void cancelWithKillWaitsForTheCalleeAndFailsWithCanceled() {
        BlockingQueue<Invocation> started = new LinkedBlockingQueue<>();
        await(callee.register("com.example.killable", inv -> {
            started.add(inv);
            return new CompletableFuture<>();
        }));
        CompletableFuture<CallResult> call = caller.call("com.example.killable", null, null);
        Invocation inv = TestSupport.poll(started);

        assertTrue(caller.cancel(call, CancelMode.KILL));

        WampException e = awaitFailure(call, WampException.class);
        assertEquals(WampErrors.CANCELED, e.uri());
        assertEquals(CancelMode.KILL, await(inv.interrupted()));
        assertTrue(inv.isInterrupted());
        assertFalse(caller.cancel(call, CancelMode.KILL), "a completed call cannot be cancelled again");
    }

    @Test
    void unregisterStopsInvocations() {
        Registration reg = await(callee.register("com.example.temp", Procedure.sync(inv -> Result.empty())));
        assertTrue(reg.isActive());

        await(reg.unregister());

        assertFalse(reg.isActive());
        WampException e = awaitFailure(caller.call("com.example.temp", null, null), WampException.class);
        assertEquals(WampErrors.NO_SUCH_PROCEDURE, e.uri());
        await(reg.unregister()); // already gone: completes
    }

    @Test
    void prefixRegistrationTellsTheProcedureWhichUriWasCalled() {
        await(callee.register("com.example.users.", Procedure.sync(inv -> Result.of(inv.procedure())),
                RegisterOptions.defaults().withMatch(MatchPolicy.PREFIX)));

        assertEquals("com.example.users.get", await(caller.call("com.example.users.get", null, null)).arg(0));
    }

    @Test
    void sharedRegistrationSpreadsCallsRoundRobin() {
        RegisterOptions shared = RegisterOptions.defaults().withInvoke(InvokePolicy.ROUNDROBIN);
        await(callee.register("com.example.shared", Procedure.sync(inv -> Result.of("a")), shared));
        await(caller.register("com.example.shared", Procedure.sync(inv -> Result.of("b")), shared));

        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(await(caller.call("com.example.shared", null, null)).arg(0));
        }

        assertEquals(2, answers.stream().filter("a"::equals).count(), answers.toString());
    }

    @Test
    void manyConcurrentCallsAllGetTheirOwnResult() throws Exception {
        await(callee.register("com.example.echo", inv -> inv.arg(0) instanceof Number n && n.longValue() % 2 == 0
                ? CompletableFuture.completedFuture(Result.of(inv.arg(0)))
                : CompletableFuture.supplyAsync(() -> Result.of(inv.arg(0)))));
        int threads = 8;
        int callsPerThread = 250;
        List<CompletableFuture<CallResult>> calls = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * callsPerThread;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < callsPerThread; i++) {
                    calls.add(caller.call("com.example.echo", List.of(base + i), null));
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        long distinct = calls.stream().map(c -> c.join().arg(0)).distinct().count();
        assertEquals(threads * callsPerThread, distinct);
    }

    @Test
    void aProcedureMayCallAnotherProcedureAndWaitForIt() {
        await(callee.register("com.example.inner", Procedure.sync(inv -> Result.of("inner"))));
        await(callee.register("com.example.outer", Procedure.sync(inv ->
                Result.of("outer+" + inv.session().call("com.example.inner", null, null).join().arg(0)))));

        assertEquals("outer+inner", await(caller.call("com.example.outer", null, null)).arg(0));
    }
}
