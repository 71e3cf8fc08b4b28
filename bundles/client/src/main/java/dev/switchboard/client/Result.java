package dev.switchboard.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Procedure} returns: the payload of its YIELD. Also what it passes to
 * {@link Invocation#progress(List, Map)} for progressive results.
 */
public record Result(List<Object> args, Map<String, Object> kwargs) {

    private static final Result EMPTY = new Result(List.of(), Map.of());

    /** Copies both; {@code null} means none. Elements may be {@code null} (JSON null). */
    public Result {
        args = Payloads.copy(args);
        kwargs = Payloads.copy(kwargs);
    }

    public static Result empty() {
        return EMPTY;
    }

    /** A result of positional values. */
    public static Result of(Object... args) {
        return new Result(Arrays.asList(args), null);
    }

    public static Result of(List<?> args, Map<String, ?> kwargs) {
        return new Result(Payloads.copy(args), Payloads.copy(kwargs));
    }

    /** A result of keyword values only. */
    public static Result ofKwargs(Map<String, ?> kwargs) {
        return new Result(null, Payloads.copy(kwargs));
    }
}
