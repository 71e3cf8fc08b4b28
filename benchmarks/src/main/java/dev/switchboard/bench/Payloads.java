package dev.switchboard.bench;

import java.util.List;
import java.util.Map;

/** Payloads shared by the microbenchmarks and the load generator, so their figures describe the same messages. */
public final class Payloads {
    /** {@code PUBLISH.Options} asking for PUBLISHED. */
    public static final Map<String, Object> ACKNOWLEDGE = Map.of("acknowledge", true);

    private Payloads() {}

    /**
     * Arguments of about {@code textBytes} plus 20 bytes once encoded: an integer, a text of {@code textBytes}
     * ASCII characters and a small dictionary, as a typical application call carries.
     */
    public static List<Object> args(int textBytes) {
        return List.of(123456789L, "x".repeat(textBytes), Map.of("ok", true));
    }
}
