package dev.switchboard.itest.e2e;

import static dev.switchboard.itest.e2e.WampClient.await;
import static dev.switchboard.itest.e2e.WampClient.awaitError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crossbar.autobahn.wamp.interfaces.IInvocationHandler;
import io.crossbar.autobahn.wamp.types.CallOptions;
import io.crossbar.autobahn.wamp.types.EventDetails;
import io.crossbar.autobahn.wamp.types.InvocationResult;
import io.crossbar.autobahn.wamp.types.PublishOptions;
import io.crossbar.autobahn.wamp.types.RegisterOptions;
import io.crossbar.autobahn.wamp.types.SubscribeOptions;
import io.crossbar.autobahn.wamp.types.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Advanced Profile features autobahn-java 20.6.1 implements (issue 4): call timeouts, pattern-based and shared
 * registrations, pattern-based subscriptions. (It announces no features in HELLO and hands its callee the registered
 * pattern, not INVOCATION.Details.procedure; AdvancedProfileIT covers those with AutobahnJS.)
 */
@ExtendWith(SharedNode.class)
class AdvancedProfileJavaIT {
    private final String prefix = "e2e.java.adv.t" + Long.toHexString(System.nanoTime());

    private static IInvocationHandler answer(String value) {
        return (args, kwargs, details) -> new InvocationResult(value);
    }

    @Test
    void aCallTimeoutEndsTheCallWithWampErrorTimeout(NodeProcess node) {
        try (WampClient callee = WampClient.join(node.url(), E2e.REALM);
             WampClient caller = WampClient.join(node.url(), E2e.REALM)) {
            await(callee.session().register(prefix + ".never",
                    (List<Object> args) -> new CompletableFuture<InvocationResult>()));
            long started = System.nanoTime();
            var error = awaitError(caller.session().call(prefix + ".never", List.of(), Map.of(), new CallOptions(300)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals("wamp.error.timeout", error.getMessage());
            assertTrue(millis >= 280, "timed out after " + millis + " ms, before the 300 ms asked for");
        }
    }

    @Test
    void patternRegistrationsRouteToTheBestMatch(NodeProcess node) {
        try (WampClient callee = WampClient.join(node.url(), E2e.REALM);
             WampClient caller = WampClient.join(node.url(), E2e.REALM)) {
            String p = prefix + ".pattern";
            await(callee.session().register(p + ".a.b.c", answer("exact")));
            await(callee.session().register(p + ".a", answer("prefix a"),
                    new RegisterOptions(RegisterOptions.MATCH_PREFIX, null)));
            await(callee.session().register(p + ".a.b", answer("prefix a.b"),
                    new RegisterOptions(RegisterOptions.MATCH_PREFIX, null)));
            await(callee.session().register(p + "..b.c", answer("wildcard"),
                    new RegisterOptions(RegisterOptions.MATCH_WILDCARD, null)));
            assertEquals(List.of("exact"), await(caller.session().call(p + ".a.b.c")).results);
            assertEquals(List.of("prefix a.b"), await(caller.session().call(p + ".a.b.x")).results);
            assertEquals(List.of("prefix a"), await(caller.session().call(p + ".a.x.c")).results);
            assertEquals(List.of("wildcard"), await(caller.session().call(p + ".z.b.c")).results);
            assertEquals("wamp.error.no_such_procedure", awaitError(caller.session().call(p + ".z.b.d")).getMessage());
        }
    }

    @Test
    void sharedRegistrationsRoundRobinFirstLastAndPolicyConflicts(NodeProcess node) {
        try (WampClient a = WampClient.join(node.url(), E2e.REALM);
             WampClient b = WampClient.join(node.url(), E2e.REALM);
             WampClient caller = WampClient.join(node.url(), E2e.REALM)) {
            for (String policy : List.of(RegisterOptions.INVOKE_ROUNDROBIN, RegisterOptions.INVOKE_FIRST,
                    RegisterOptions.INVOKE_LAST)) {
                await(a.session().register(prefix + "." + policy, answer("a"), new RegisterOptions(null, policy)));
                await(b.session().register(prefix + "." + policy, answer("b"), new RegisterOptions(null, policy)));
            }
            List<Object> rr = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rr.addAll(await(caller.session().call(prefix + ".roundrobin")).results);
            }
            assertEquals(List.of("a", "b", "a", "b"), rr);
            assertEquals(List.of("a"), await(caller.session().call(prefix + ".first")).results);
            assertEquals(List.of("b"), await(caller.session().call(prefix + ".last")).results);
            assertEquals("wamp.error.procedure_already_exists", awaitError(caller.session().register(
                    prefix + ".roundrobin", answer("c"), new RegisterOptions(null, RegisterOptions.INVOKE_FIRST)))
                    .getMessage());
        }
    }

    @Test
    void patternSubscriptionsReceiveEventsWithTheTopic(NodeProcess node) throws Exception {
        BlockingQueue<String> topics = new LinkedBlockingQueue<>();
        try (WampClient subscriber = WampClient.join(node.url(), E2e.REALM);
             WampClient publisher = WampClient.join(node.url(), E2e.REALM)) {
            String p = prefix + ".psub";
            Subscription pre = await(subscriber.session().subscribe(p + ".news",
                    (List<Object> args, EventDetails details) -> topics.add("prefix " + details.topic),
                    new SubscribeOptions("prefix", true, false)));
            Subscription wild = await(subscriber.session().subscribe(p + "..sport",
                    (List<Object> args, EventDetails details) -> topics.add("wildcard " + details.topic),
                    new SubscribeOptions("wildcard", true, false)));
            assertNotEquals(pre.subscription, wild.subscription);
            PublishOptions ack = new PublishOptions(true, true);
            await(publisher.session().publish(p + ".news.sport", List.of(1), Map.of(), ack));
            await(publisher.session().publish(p + ".weather.sport", List.of(2), Map.of(), ack));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String topic = topics.poll(WampClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertTrue(topic != null, "only " + got + " arrived");
                got.add(topic);
            }
            got.sort(null);
            assertEquals(List.of("prefix " + p + ".news.sport", "wildcard " + p + ".news.sport",
                    "wildcard " + p + ".weather.sport"), got);
        }
    }
}
