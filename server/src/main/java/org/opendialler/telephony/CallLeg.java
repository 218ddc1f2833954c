package org.opendialler.telephony;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state machine of one call: every change goes through {@link #moveTo}, which refuses a
 * transition the state does not allow. Not thread-safe: a call is touched only on the
 * scheduler's thread.
 */
public final class CallLeg {

    private final long callId;
    private CallState state;

    public CallLeg(long callId) {
        this(callId, CallState.DIALLING);
    }

    /** A leg already under way, such as a customer handed to another queue. */
    public CallLeg(long callId, CallState state) {
        this.callId = callId;
        this.state = state;
    }

    public long callId() {
        return callId;
    }

    public CallState state() {
        return state;
    }

    /** Moves to {@code next}, or throws when the current state does not lead there. */
    public void moveTo(CallState next) {
        if (!state.canMoveTo(next)) {
            Set<CallState> from = EnumSet.noneOf(CallState.class);
            for (CallState s : CallState.values()) {
                if (s.canMoveTo(next)) {
                    from.add(s);
                }
            }
            throw new IllegalCallStateException(callId, from, state, "move to " + next);
        }
        state = next;
    }

    /** Throws unless the call is in one of {@code allowed}, naming {@code action}. */
    public void require(Set<CallState> allowed, String action) {
        if (!allowed.contains(state)) {
            throw new IllegalCallStateException(callId, allowed, state, action);
        }
    }
}
