package org.opendialler.telephony;

import java.util.Set;

/** A call was asked to do something its state does not allow; says what was expected. */
public final class IllegalCallStateException extends IllegalStateException {

    private final long callId;
    private final Set<CallState> expected;
    private final CallState actual;

    public IllegalCallStateException(long callId, Set<CallState> expected, CallState actual,
            String action) {
        super("Call " + callId + " cannot " + action + ": expected state " + expected
                + " but was " + actual);
        this.callId = callId;
        this.expected = Set.copyOf(expected);
        this.actual = actual;
    }

    public long callId() {
        return callId;
    }

    public Set<CallState> expected() {
        return expected;
    }

    public CallState actual() {
        return actual;
    }
}
