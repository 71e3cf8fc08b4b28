package dev.switchboard.serializer.fuzz;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Authenticate;
import dev.switchboard.api.message.Call;
import dev.switchboard.api.message.Cancel;
import dev.switchboard.api.message.Challenge;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Event;
import dev.switchboard.api.message.Goodbye;
import dev.switchboard.api.message.Hello;
import dev.switchboard.api.message.Interrupt;
import dev.switchboard.api.message.Invocation;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.message.Publish;
import dev.switchboard.api.message.Published;
import dev.switchboard.api.message.Register;
import dev.switchboard.api.message.Registered;
import dev.switchboard.api.message.Result;
import dev.switchboard.api.message.Subscribe;
import dev.switchboard.api.message.Subscribed;
import dev.switchboard.api.message.Unregister;
import dev.switchboard.api.message.Unregistered;
import dev.switchboard.api.message.Unsubscribe;
import dev.switchboard.api.message.Unsubscribed;
import dev.switchboard.api.message.Welcome;
import dev.switchboard.api.message.Yield;
import dev.switchboard.api.serializer.MessageArrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random WAMP messages of every type, with random payloads (basic/messages, advanced/messages). */
public final class WampMessages {

    /** Every message type the model knows, from HELLO (1) to YIELD (70). */
    public static final int[] TYPES = {Hello.TYPE, Welcome.TYPE, Abort.TYPE, Challenge.TYPE, Authenticate.TYPE,
        Goodbye.TYPE, Error.TYPE, Publish.TYPE, Published.TYPE, Subscribe.TYPE, Subscribed.TYPE, Unsubscribe.TYPE,
        Unsubscribed.TYPE, Event.TYPE, Call.TYPE, Cancel.TYPE, Result.TYPE, Register.TYPE, Registered.TYPE,
        Unregister.TYPE, Unregistered.TYPE, Invocation.TYPE, Interrupt.TYPE, Yield.TYPE};

    private WampMessages() {}

    /** A message the profile's serializer must round-trip. */
    public static Message valid(SplittableRandom r, ValueProfile p) {
        return message(r, p, false);
    }

    /** A message whose payloads may hold values the serializer cannot carry (see {@link Payloads#wildValue}). */
    public static Message wild(SplittableRandom r, ValueProfile p) {
        return message(r, p, true);
    }

    private static Message message(SplittableRandom r, ValueProfile p, boolean wild) {
        Gen g = new Gen(r, p, wild);
        int type = TYPES[r.nextInt(TYPES.length)];
        return switch (type) {
            case Hello.TYPE -> new Hello(g.uri(), g.dict());
            case Welcome.TYPE -> new Welcome(g.id(), g.dict());
            case Abort.TYPE -> new Abort(g.dict(), g.uri(), g.args(), g.kwargs());
            case Challenge.TYPE -> new Challenge(g.text(), g.dict());
            case Authenticate.TYPE -> new Authenticate(g.text(), g.dict());
            case Goodbye.TYPE -> new Goodbye(g.dict(), g.uri());
            case Error.TYPE -> new Error(r.nextInt(256), g.id(), g.dict(), g.uri(), g.args(), g.kwargs());
            case Publish.TYPE -> new Publish(g.id(), g.dict(), g.uri(), g.args(), g.kwargs());
            case Published.TYPE -> new Published(g.id(), g.id());
            case Subscribe.TYPE -> new Subscribe(g.id(), g.dict(), g.uri());
            case Subscribed.TYPE -> new Subscribed(g.id(), g.id());
            case Unsubscribe.TYPE -> new Unsubscribe(g.id(), g.id());
            case Unsubscribed.TYPE -> new Unsubscribed(r.nextInt(8) == 0 ? 0 : g.id(), r.nextBoolean() ? null : g.dict());
            case Event.TYPE -> new Event(g.id(), g.id(), g.dict(), g.args(), g.kwargs());
            case Call.TYPE -> new Call(g.id(), g.dict(), g.uri(), g.args(), g.kwargs());
            case Cancel.TYPE -> new Cancel(g.id(), g.dict());
            case Result.TYPE -> new Result(g.id(), g.dict(), g.args(), g.kwargs());
            case Register.TYPE -> new Register(g.id(), g.dict(), g.uri());
            case Registered.TYPE -> new Registered(g.id(), g.id());
            case Unregister.TYPE -> new Unregister(g.id(), g.id());
            case Unregistered.TYPE -> new Unregistered(r.nextInt(8) == 0 ? 0 : g.id(), r.nextBoolean() ? null : g.dict());
            case Invocation.TYPE -> new Invocation(g.id(), g.id(), g.dict(), g.args(), g.kwargs());
            case Interrupt.TYPE -> new Interrupt(g.id(), g.dict());
            case Yield.TYPE -> new Yield(g.id(), g.dict(), g.args(), g.kwargs());
            default -> throw new IllegalStateException("no generator for type " + type);
        };
    }

    /** The parts of one message. */
    private record Gen(SplittableRandom r, ValueProfile p, boolean wild) {
        long id() {
            return switch (r.nextInt(4)) {
                case 0 -> 1;
                case 1 -> MessageArrays.MAX_ID;
                case 2 -> r.nextLong(1, 1L << 31);
                default -> r.nextLong(1, MessageArrays.MAX_ID + 1);
            };
        }

        String uri() {
            return r.nextBoolean() ? List.of("com.example.add", "wamp.error.not_authorized", "realm1", "a.b..c",
                    "com.example.topic", "wamp.close.goodbye_and_out").get(r.nextInt(6)) : text();
        }

        String text() {
            return Payloads.text(r, p);
        }

        Map<String, Object> dict() {
            return wild && r.nextInt(3) == 0 ? Payloads.wildDict(r, p, 1) : Payloads.dict(r, p, 1);
        }

        List<Object> args() {
            int pick = r.nextInt(6);
            if (pick == 0) return null;
            if (pick == 1) return List.of();
            if (wild && r.nextInt(3) == 0) return java.util.Arrays.asList(Payloads.wildValue(r, p, 1));
            return Payloads.list(r, p, 1);
        }

        Map<String, Object> kwargs() {
            int pick = r.nextInt(5);
            if (pick <= 1) return null;
            if (pick == 2) return Map.of();
            return dict();
        }
    }
}
