package dev.switchboard.router;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Error;
import dev.switchboard.api.message.Message;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Message and error counters of one realm. Actor-confined: plain fields, no atomics on the hot path. */
final class RealmStats {
    private static final String[] NAMES = new String[71];

    static {
        String[][] codes = {{"1", "HELLO"}, {"2", "WELCOME"}, {"3", "ABORT"}, {"4", "CHALLENGE"}, {"5", "AUTHENTICATE"},
            {"6", "GOODBYE"}, {"8", "ERROR"}, {"16", "PUBLISH"}, {"17", "PUBLISHED"}, {"32", "SUBSCRIBE"},
            {"33", "SUBSCRIBED"}, {"34", "UNSUBSCRIBE"}, {"35", "UNSUBSCRIBED"}, {"36", "EVENT"}, {"48", "CALL"},
            {"49", "CANCEL"}, {"50", "RESULT"}, {"64", "REGISTER"}, {"65", "REGISTERED"}, {"66", "UNREGISTER"},
            {"67", "UNREGISTERED"}, {"68", "INVOCATION"}, {"69", "INTERRUPT"}, {"70", "YIELD"}};
        for (String[] c : codes) {
            NAMES[Integer.parseInt(c[0])] = c[1];
        }
    }

    private final long[] in = new long[NAMES.length];
    private final long[] out = new long[NAMES.length];
    private final Map<String, Long> errors = new HashMap<>();

    void received(Message m) {
        in[m.type()]++;
    }

    void sent(Message m) {
        out[m.type()]++;
        if (m instanceof Error e) {
            errors.merge(e.error(), 1L, Long::sum);
        } else if (m instanceof Abort a) {
            errors.merge(a.reason(), 1L, Long::sum);
        }
    }

    long totalIn() {
        return sum(in);
    }

    long totalOut() {
        return sum(out);
    }

    Map<String, Long> inByType() {
        return byName(in);
    }

    Map<String, Long> outByType() {
        return byName(out);
    }

    Map<String, Long> errorsByUri() {
        return Map.copyOf(errors);
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    private static Map<String, Long> byName(long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (NAMES[i] != null && counts[i] > 0) {
                m.put(NAMES[i], counts[i]);
            }
        }
        return m;
    }
}
