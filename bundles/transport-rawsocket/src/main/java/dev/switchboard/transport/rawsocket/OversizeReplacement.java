package dev.switchboard.transport.rawsocket;

import java.util.Map;

import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.uri.WampErrors;

/**
 * What to send instead of a message that is longer than the client accepts. The spec (transport_rawsocket.md,
 * "Serialization") forbids sending it and leaves the rest to the implementation; it names dropping an EVENT as one
 * option. This transport never violates the limit and picks, per message type:
 * <ul>
 * <li>EVENT: dropped, counted and logged ({@link Decision#DROP}); the subscription stays.</li>
 * <li>final RESULT: replaced by ERROR {@code wamp.error.payload_size_exceeded} for the CALL, so the caller is never
 *     left waiting; ERROR: replaced by the same error without its payload.</li>
 * <li>anything else (INVOCATION, progressive RESULT, WELCOME, ...): the connection is closed
 *     ({@link Decision#CLOSE}), since no reply can be tied to a request here and the session would be inconsistent.
 *     The router frees the session and answers pending callers itself.</li>
 * </ul>
 */
final class OversizeReplacement {

    enum Decision { REPLACE, DROP, CLOSE }

    /** @param replacement the message to send instead, for {@link Decision#REPLACE} only */
    record Outcome(Decision decision, Message replacement) {}

    private OversizeReplacement() {}

    static Outcome decide(Message message, int encodedLength, int clientMaxLength) {
        Map<String, Object> details = Map.of("message", "the reply has " + encodedLength
                + " bytes; this client accepts at most " + clientMaxLength + " bytes (RawSocket handshake)");
        if (message instanceof Event) {
            return new Outcome(Decision.DROP, null);
        }
        if (message instanceof Result result && !Boolean.TRUE.equals(result.details().get("progress"))) {
            return new Outcome(Decision.REPLACE,
                    new Error(Call.TYPE, result.request(), details, WampErrors.PAYLOAD_SIZE_EXCEEDED));
        }
        if (message instanceof Error error) {
            return new Outcome(Decision.REPLACE,
                    new Error(error.requestType(), error.request(), details, WampErrors.PAYLOAD_SIZE_EXCEEDED));
        }
        return new Outcome(Decision.CLOSE, null);
    }
}
