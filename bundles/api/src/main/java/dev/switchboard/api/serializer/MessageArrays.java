package dev.switchboard.api.serializer;

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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The array form every WAMP serializer shares: {@code [TYPE, field, ...]} (WAMP spec, basic/messages).
 * Serializers only map bytes to and from these lists; shape and type checks live here once.
 */
public final class MessageArrays {

    /** Largest WAMP ID: IDs are integers in [1, 2^53]. */
    public static final long MAX_ID = 1L << 53;

    private MessageArrays() {}

    /**
     * Index of the {@code args} element in messages of the given type whose payload serializers may keep
     * encoded ({@link RawList}, {@link RawMap}); {@code kwargs} follows it. -1 for other types. These are the
     * payloads the router forwards: CALL, INVOCATION, YIELD, RESULT, PUBLISH, EVENT and ERROR.
     */
    public static int payloadIndex(int type) {
        return switch (type) {
            case Call.TYPE, Publish.TYPE, Event.TYPE, Invocation.TYPE -> 4;
            case Yield.TYPE, Result.TYPE -> 3;
            case Error.TYPE -> 5;
            default -> -1;
        };
    }

    /** The message as a list ready for a serializer; trailing empty args/kwargs are left out. */
    public static List<Object> toArray(Message m) {
        List<Object> a = new ArrayList<>(7);
        a.add(m.type());
        switch (m.type()) {
            case Hello.TYPE -> { Hello x = (Hello) m; a.add(x.realm()); a.add(x.details()); }
            case Welcome.TYPE -> { Welcome x = (Welcome) m; a.add(x.session()); a.add(x.details()); }
            case Abort.TYPE -> { Abort x = (Abort) m; a.add(x.details()); a.add(x.reason()); payload(a, x.args(), x.kwargs()); }
            case Challenge.TYPE -> { Challenge x = (Challenge) m; a.add(x.authMethod()); a.add(x.extra()); }
            case Authenticate.TYPE -> { Authenticate x = (Authenticate) m; a.add(x.signature()); a.add(x.extra()); }
            case Goodbye.TYPE -> { Goodbye x = (Goodbye) m; a.add(x.details()); a.add(x.reason()); }
            case Error.TYPE -> {
                Error x = (Error) m;
                a.add(x.requestType()); a.add(x.request()); a.add(x.details()); a.add(x.error());
                payload(a, x.args(), x.kwargs());
            }
            case Publish.TYPE -> {
                Publish x = (Publish) m;
                a.add(x.request()); a.add(x.options()); a.add(x.topic()); payload(a, x.args(), x.kwargs());
            }
            case Published.TYPE -> { Published x = (Published) m; a.add(x.request()); a.add(x.publication()); }
            case Subscribe.TYPE -> { Subscribe x = (Subscribe) m; a.add(x.request()); a.add(x.options()); a.add(x.topic()); }
            case Subscribed.TYPE -> { Subscribed x = (Subscribed) m; a.add(x.request()); a.add(x.subscription()); }
            case Unsubscribe.TYPE -> { Unsubscribe x = (Unsubscribe) m; a.add(x.request()); a.add(x.subscription()); }
            case Unsubscribed.TYPE -> {
                Unsubscribed x = (Unsubscribed) m;
                a.add(x.request());
                if (x.details() != null && !x.details().isEmpty()) a.add(x.details());
            }
            case Event.TYPE -> {
                Event x = (Event) m;
                a.add(x.subscription()); a.add(x.publication()); a.add(x.details()); payload(a, x.args(), x.kwargs());
            }
            case Call.TYPE -> {
                Call x = (Call) m;
                a.add(x.request()); a.add(x.options()); a.add(x.procedure()); payload(a, x.args(), x.kwargs());
            }
            case Cancel.TYPE -> { Cancel x = (Cancel) m; a.add(x.request()); a.add(x.options()); }
            case Result.TYPE -> {
                Result x = (Result) m;
                a.add(x.request()); a.add(x.details()); payload(a, x.args(), x.kwargs());
            }
            case Register.TYPE -> { Register x = (Register) m; a.add(x.request()); a.add(x.options()); a.add(x.procedure()); }
            case Registered.TYPE -> { Registered x = (Registered) m; a.add(x.request()); a.add(x.registration()); }
            case Unregister.TYPE -> { Unregister x = (Unregister) m; a.add(x.request()); a.add(x.registration()); }
            case Unregistered.TYPE -> {
                Unregistered x = (Unregistered) m;
                a.add(x.request());
                if (x.details() != null && !x.details().isEmpty()) a.add(x.details());
            }
            case Invocation.TYPE -> {
                Invocation x = (Invocation) m;
                a.add(x.request()); a.add(x.registration()); a.add(x.details()); payload(a, x.args(), x.kwargs());
            }
            case Interrupt.TYPE -> { Interrupt x = (Interrupt) m; a.add(x.request()); a.add(x.options()); }
            case Yield.TYPE -> {
                Yield x = (Yield) m;
                a.add(x.request()); a.add(x.options()); payload(a, x.args(), x.kwargs());
            }
            default -> throw new IllegalArgumentException("unknown message type " + m.type());
        }
        return a;
    }

    private static void payload(List<Object> a, List<Object> args, Map<String, Object> kwargs) {
        boolean hasKwargs = kwargs != null && !kwargs.isEmpty();
        if (hasKwargs) {
            a.add(args == null ? List.of() : args);
            a.add(kwargs);
        } else if (args != null && !args.isEmpty()) {
            a.add(args);
        }
    }

    /**
     * The message a decoded list stands for.
     *
     * @throws DecodeException when the list is not a message: unknown type, wrong field count or field types
     */
    public static Message fromArray(List<?> a) throws DecodeException {
        if (a.isEmpty()) {
            throw new DecodeException("empty message");
        }
        int type = (int) integer(a, 0, "message type", 0, 255);
        return switch (type) {
            case Hello.TYPE -> { size(a, 3, 3, "HELLO"); yield new Hello(uri(a, 1, "realm"), dict(a, 2, "details")); }
            case Welcome.TYPE -> { size(a, 3, 3, "WELCOME"); yield new Welcome(id(a, 1, "session"), dict(a, 2, "details")); }
            case Abort.TYPE -> {
                size(a, 3, 5, "ABORT");
                yield new Abort(dict(a, 1, "details"), uri(a, 2, "reason"), args(a, 3), kwargs(a, 4));
            }
            case Challenge.TYPE -> { size(a, 3, 3, "CHALLENGE"); yield new Challenge(string(a, 1, "authmethod"), dict(a, 2, "extra")); }
            case Authenticate.TYPE -> {
                size(a, 3, 3, "AUTHENTICATE");
                yield new Authenticate(string(a, 1, "signature"), dict(a, 2, "extra"));
            }
            case Goodbye.TYPE -> { size(a, 3, 3, "GOODBYE"); yield new Goodbye(dict(a, 1, "details"), uri(a, 2, "reason")); }
            case Error.TYPE -> {
                size(a, 5, 7, "ERROR");
                yield new Error((int) integer(a, 1, "request type", 0, 255), id(a, 2, "request"), dict(a, 3, "details"),
                        uri(a, 4, "error"), args(a, 5), kwargs(a, 6));
            }
            case Publish.TYPE -> {
                size(a, 4, 6, "PUBLISH");
                yield new Publish(id(a, 1, "request"), dict(a, 2, "options"), uri(a, 3, "topic"), args(a, 4), kwargs(a, 5));
            }
            case Published.TYPE -> { size(a, 3, 3, "PUBLISHED"); yield new Published(id(a, 1, "request"), id(a, 2, "publication")); }
            case Subscribe.TYPE -> {
                size(a, 4, 4, "SUBSCRIBE");
                yield new Subscribe(id(a, 1, "request"), dict(a, 2, "options"), uri(a, 3, "topic"));
            }
            case Subscribed.TYPE -> {
                size(a, 3, 3, "SUBSCRIBED");
                yield new Subscribed(id(a, 1, "request"), id(a, 2, "subscription"));
            }
            case Unsubscribe.TYPE -> {
                size(a, 3, 3, "UNSUBSCRIBE");
                yield new Unsubscribe(id(a, 1, "request"), id(a, 2, "subscription"));
            }
            case Unsubscribed.TYPE -> {
                size(a, 2, 3, "UNSUBSCRIBED");
                yield new Unsubscribed(integer(a, 1, "request", 0, MAX_ID), a.size() > 2 ? dict(a, 2, "details") : null);
            }
            case Event.TYPE -> {
                size(a, 4, 6, "EVENT");
                yield new Event(id(a, 1, "subscription"), id(a, 2, "publication"), dict(a, 3, "details"), args(a, 4), kwargs(a, 5));
            }
            case Call.TYPE -> {
                size(a, 4, 6, "CALL");
                yield new Call(id(a, 1, "request"), dict(a, 2, "options"), uri(a, 3, "procedure"), args(a, 4), kwargs(a, 5));
            }
            case Cancel.TYPE -> { size(a, 3, 3, "CANCEL"); yield new Cancel(id(a, 1, "request"), dict(a, 2, "options")); }
            case Result.TYPE -> {
                size(a, 3, 5, "RESULT");
                yield new Result(id(a, 1, "request"), dict(a, 2, "details"), args(a, 3), kwargs(a, 4));
            }
            case Register.TYPE -> {
                size(a, 4, 4, "REGISTER");
                yield new Register(id(a, 1, "request"), dict(a, 2, "options"), uri(a, 3, "procedure"));
            }
            case Registered.TYPE -> {
                size(a, 3, 3, "REGISTERED");
                yield new Registered(id(a, 1, "request"), id(a, 2, "registration"));
            }
            case Unregister.TYPE -> {
                size(a, 3, 3, "UNREGISTER");
                yield new Unregister(id(a, 1, "request"), id(a, 2, "registration"));
            }
            case Unregistered.TYPE -> {
                size(a, 2, 3, "UNREGISTERED");
                yield new Unregistered(integer(a, 1, "request", 0, MAX_ID), a.size() > 2 ? dict(a, 2, "details") : null);
            }
            case Invocation.TYPE -> {
                size(a, 4, 6, "INVOCATION");
                yield new Invocation(id(a, 1, "request"), id(a, 2, "registration"), dict(a, 3, "details"), args(a, 4), kwargs(a, 5));
            }
            case Interrupt.TYPE -> { size(a, 3, 3, "INTERRUPT"); yield new Interrupt(id(a, 1, "request"), dict(a, 2, "options")); }
            case Yield.TYPE -> {
                size(a, 3, 5, "YIELD");
                yield new Yield(id(a, 1, "request"), dict(a, 2, "options"), args(a, 3), kwargs(a, 4));
            }
            default -> throw new DecodeException("unknown message type " + type);
        };
    }

    private static void size(List<?> a, int min, int max, String name) throws DecodeException {
        if (a.size() < min || a.size() > max) {
            throw new DecodeException(name + " has " + a.size() + " elements, expected "
                    + (min == max ? String.valueOf(min) : min + " to " + max));
        }
    }

    private static long integer(List<?> a, int i, String what, long min, long max) throws DecodeException {
        Object v = a.get(i);
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if (v instanceof BigInteger b && b.bitLength() < 64) {
            n = b.longValue();
        } else {
            throw new DecodeException(what + " must be an integer, got " + describe(v));
        }
        if (n < min || n > max) {
            throw new DecodeException(what + " " + n + " is out of range [" + min + ", " + max + "]");
        }
        return n;
    }

    private static long id(List<?> a, int i, String what) throws DecodeException {
        return integer(a, i, what, 1, MAX_ID);
    }

    private static String string(List<?> a, int i, String what) throws DecodeException {
        if (a.get(i) instanceof String s) {
            return s;
        }
        throw new DecodeException(what + " must be a string, got " + describe(a.get(i)));
    }

    private static String uri(List<?> a, int i, String what) throws DecodeException {
        // URI syntax is checked by the router, which answers with wamp.error.invalid_uri instead of aborting.
        return string(a, i, what);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dict(List<?> a, int i, String what) throws DecodeException {
        if (a.get(i) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new DecodeException(what + " must be a dict, got " + describe(a.get(i)));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> args(List<?> a, int i) throws DecodeException {
        if (a.size() <= i) {
            return null;
        }
        if (a.get(i) instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new DecodeException("arguments must be a list, got " + describe(a.get(i)));
    }

    private static Map<String, Object> kwargs(List<?> a, int i) throws DecodeException {
        return a.size() <= i ? null : dict(a, i, "keyword arguments");
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }
}
