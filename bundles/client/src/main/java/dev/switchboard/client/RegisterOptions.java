package dev.switchboard.client;

import java.util.Objects;

/** Options of a REGISTER. Immutable: each {@code with...} returns a copy. */
public final class RegisterOptions {
    private static final RegisterOptions DEFAULTS = new RegisterOptions(MatchPolicy.EXACT, InvokePolicy.SINGLE, false);

    private final MatchPolicy match;
    private final InvokePolicy invoke;
    private final boolean discloseCaller;

    private RegisterOptions(MatchPolicy match, InvokePolicy invoke, boolean discloseCaller) {
        this.match = match;
        this.invoke = invoke;
        this.discloseCaller = discloseCaller;
    }

    /** Exact match, single callee, callers not disclosed. */
    public static RegisterOptions defaults() {
        return DEFAULTS;
    }

    /** Pattern-based registration; the invocation's {@link Invocation#procedure()} tells the URI called. */
    public RegisterOptions withMatch(MatchPolicy policy) {
        return new RegisterOptions(Objects.requireNonNull(policy, "policy"), invoke, discloseCaller);
    }

    /** Shared registration: every callee of the procedure must register it with the same policy. */
    public RegisterOptions withInvoke(InvokePolicy policy) {
        return new RegisterOptions(match, Objects.requireNonNull(policy, "policy"), discloseCaller);
    }

    /** Asks the router to disclose every caller to this callee (caller identification). */
    public RegisterOptions withDiscloseCaller(boolean disclose) {
        return new RegisterOptions(match, invoke, disclose);
    }

    public MatchPolicy match() {
        return match;
    }

    public InvokePolicy invoke() {
        return invoke;
    }

    public boolean discloseCaller() {
        return discloseCaller;
    }

    @Override
    public String toString() {
        return "RegisterOptions[match=" + match + ", invoke=" + invoke + ", discloseCaller=" + discloseCaller + "]";
    }
}
