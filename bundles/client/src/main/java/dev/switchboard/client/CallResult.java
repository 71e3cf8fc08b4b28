package dev.switchboard.client;

import java.util.List;
import java.util.Map;

/**
 * A RESULT as the caller receives it: the final result of a call, or one progressive result.
 *
 * @param details  RESULT.Details as sent by the router
 * @param progress whether this is a progressive (non-final) result
 */
public record CallResult(List<Object> args, Map<String, Object> kwargs, Map<String, Object> details, boolean progress) {

    public CallResult {
        args = Payloads.copy(args);
        kwargs = Payloads.copy(kwargs);
        details = Payloads.copy(details);
    }

    /** Positional argument {@code index}, or {@code null} when there are fewer arguments. */
    public Object arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** Keyword argument {@code key}, or {@code null}. */
    public Object kwarg(String key) {
        return kwargs.get(key);
    }
}
