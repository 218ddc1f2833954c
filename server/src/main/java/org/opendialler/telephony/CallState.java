package org.opendialler.telephony;

import java.util.EnumSet;
import java.util.Set;

/** The life of one outbound call leg, from origination to its end. */
public enum CallState {
    DIALLING,
    RINGING,
    /** Answered, and answer machine detection (if on) judged it a person. */
    ANSWERED,
    /** Answered, and answer machine detection judged it a machine. */
    MACHINE,
    /** Bridged to an agent, or to another leg. */
    CONNECTED,
    /** On hold: our side parked it; it hears hold music and nobody hears it. */
    HELD,
    ENDED;

    /** Whether a call in this state may move to {@code next}. */
    public boolean canMoveTo(CallState next) {
        return successors().contains(next);
    }

    /** The states a call in this state may move to. */
    public Set<CallState> successors() {
        return switch (this) {
            case DIALLING -> EnumSet.of(RINGING, ANSWERED, MACHINE, ENDED);
            case RINGING -> EnumSet.of(ANSWERED, MACHINE, ENDED);
            case ANSWERED, MACHINE -> EnumSet.of(CONNECTED, ENDED);
            case CONNECTED -> EnumSet.of(HELD, ENDED);
            case HELD -> EnumSet.of(CONNECTED, ENDED);
            case ENDED -> EnumSet.noneOf(CallState.class);
        };
    }

    /** Whether the call is still alive. */
    public boolean isLive() {
        return this != ENDED;
    }
}
