package dev.switchboard.itest.e2e;

import static dev.switchboard.itest.e2e.WampClient.await;
import static dev.switchboard.itest.e2e.WampClient.awaitError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crossbar.autobahn.wamp.exceptions.ApplicationError;
import io.crossbar.autobahn.wamp.interfaces.IInvocationHandler;
import io.crossbar.autobahn.wamp.reflectionRoles.WampException;
import io.crossbar.autobahn.wamp.types.CallOptions;
import io.crossbar.autobahn.wamp.types.CallResult;
import io.crossbar.autobahn.wamp.types.InvocationResult;
import io.crossbar.autobahn.wamp.types.Registration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Remote procedure calls through the node, with autobahn-java 20.6.1 as caller and callee (WAMP basic/rpc). */
@ExtendWith(SharedNode.class)
class RpcIT {
    /** Unique per test instance, so that tests never see each other's registrations in the shared node. */
    private final String prefix = "e2e.java.rpc.t" + Long.toHexString(System.nanoTime());

    @Test
    void registerCallUnregisterRoundTripCarriesArgsAndKwargs(NodeProcess node) {
        String procedure = prefix + ".describe";
        try (WampClient callee = WampClient.join(node.url(), E2e.REALM);
             WampClient caller = WampClient.join(node.url(), E2e.REALM)) {
            IInvocationHandler describe = (args, kwargs, details) -> new InvocationResult(
                    List.of(args.size(), args.get(0)), Map.of("kwargs", kwargs, "procedure", details.procedure));
            Registration registration = await(callee.session().register(procedure, describe));
            assertTrue(registration.registration > 0, "registration id " + registration.registration);

            CallResult result = await(caller.session().call(procedure, List.of("first", 2, List.of(3, 4)),
                    Map.of("name", "switchboard", "count", 7, "nested", Map.of("ok", true)), (CallOptions) null));

            assertEquals(List.of(3, "first"), result.results);
            assertEquals(Map.of("name", "switchboard", "count", 7, "nested", Map.of("ok", true)),
                    result.kwresults.get("kwargs"));
            assertEquals(procedure, result.kwresults.get("procedure"));

            assertEquals(0, await(callee.session().unregister(registration)));
            ApplicationError gone = awaitError(caller.session().call(procedure, "after unregister"));
            assertEquals("wamp.error.no_such_procedure", gone.getMessage());
        }
    }

    @Test
    void callingAnUnknownProcedureFailsWithNoSuchProcedure(NodeProcess node) {
        try (WampClient caller = WampClient.join(node.url(), E2e.REALM)) {
            ApplicationError error = awaitError(caller.session().call(prefix + ".nobody.home", 1, 2));
            assertEquals("wamp.error.no_such_procedure", error.getMessage());
        }
    }

    @Test
    void registeringAnExistingProcedureFailsWithProcedureAlreadyExists(NodeProcess node) {
        String procedure = prefix + ".taken";
        try (WampClient first = WampClient.join(node.url(), E2e.REALM);
             WampClient second = WampClient.join(node.url(), E2e.REALM)) {
            IInvocationHandler one = (args, kwargs, details) -> new InvocationResult("first");
            IInvocationHandler two = (args, kwargs, details) -> new InvocationResult("second");
            await(first.session().register(procedure, one));

            ApplicationError error = awaitError(second.session().register(procedure, two));
            assertEquals("wamp.error.procedure_already_exists", error.getMessage());

            // The first registration is untouched.
            assertEquals(List.of("first"), await(second.session().call(procedure)).results);
        }
    }

    @Test
    void anApplicationErrorRaisedByTheCalleeReachesTheCallerWithItsArgs(NodeProcess node) {
        String procedure = prefix + ".refuse";
        try (WampClient callee = WampClient.join(node.url(), E2e.REALM);
             WampClient caller = WampClient.join(node.url(), E2e.REALM)) {
            // A failed future carrying a WampException makes autobahn-java send ERROR with its URI, args and kwargs.
            await(callee.session().register(procedure, (List<Object> args) -> CompletableFuture.failedFuture(
                    new WampException("com.example.error.refused", Map.of(),
                            List.of("refused", args.get(0)), Map.of("code", 42)))));

            ApplicationError error = awaitError(caller.session().call(procedure, "please"));

            assertEquals("com.example.error.refused", error.getMessage());
            assertEquals(List.of("refused", "please"), error.args);
            assertEquals(Map.of("code", 42), error.kwargs);
        }
    }

    @Test
    void invalidUrisAreRefusedWithInvalidUriAndTheSessionStaysUp(NodeProcess node) {
        try (WampClient client = WampClient.join(node.url(), E2e.REALM)) {
            IInvocationHandler handler = (args, kwargs, details) -> new InvocationResult("never");
            // An empty URI component is invalid under loose and strict checking alike (basic/building_blocks).
            assertEquals("wamp.error.invalid_uri",
                    awaitError(client.session().call(prefix + "..empty.component")).getMessage());
            assertEquals("wamp.error.invalid_uri",
                    awaitError(client.session().register(prefix + ".has space", handler)).getMessage());
            // wamp.* belongs to the router.
            assertEquals("wamp.error.invalid_uri",
                    awaitError(client.session().register("wamp.e2e.mine", handler)).getMessage());

            // Still joined: a valid registration and call work on the same session.
            await(client.session().register(prefix + ".fine", handler));
            assertEquals(List.of("never"), await(client.session().call(prefix + ".fine")).results);
        }
    }

    /**
     * A callee whose connection drops (a reset, no GOODBYE) while it holds an invocation: the caller's pending call
     * must end with an ERROR, not hang. The router answers {@code wamp.error.canceled} (Dealer#removeSession).
     */
    @Test
    void aPendingCallEndsWithCanceledWhenTheCalleeConnectionDrops(NodeProcess node) throws Exception {
        String procedure = prefix + ".hang";
        CompletableFuture<Void> invoked = new CompletableFuture<>();
        try (TcpRelay relay = new TcpRelay(node.port());
             WampClient callee = WampClient.join(relay.url(), E2e.REALM);
             WampClient caller = WampClient.join(node.url(), E2e.REALM)) {
            await(callee.session().register(procedure, (List<Object> args) -> {
                invoked.complete(null);
                return new CompletableFuture<InvocationResult>(); // never answers
            }));

            CompletableFuture<CallResult> call = caller.session().call(procedure, "are you there?");
            await(invoked);
            relay.cut();

            ApplicationError error = awaitError(call, Duration.ofSeconds(15));
            assertEquals("wamp.error.canceled", error.getMessage());

            // The registration went with the callee.
            assertEquals("wamp.error.no_such_procedure", awaitError(caller.session().call(procedure)).getMessage());
        }
    }
}
