package org.opendialler.telephony;

/** What a port reports about a call, and the state each report moves the call to. */
public enum CallEventType {
    RINGING(CallState.RINGING),
    /** Answered by a person, or by a machine that detection missed. */
    ANSWERED_PERSON(CallState.ANSWERED),
    /** Answered, and detection classified the answer as a machine (possibly wrongly). */
    ANSWERED_MACHINE(CallState.MACHINE),
    /** Bridged to the agent endpoint (or the other leg) the dialler asked for. */
    CONNECTED(CallState.CONNECTED),
    /** Put on hold, as the dialler asked. */
    HELD(CallState.HELD),
    /** Not answered within the ring time of the origination. */
    NO_ANSWER(CallState.ENDED),
    BUSY(CallState.ENDED),
    /** The network says the number does not exist or is out of service. */
    DEAD_LINE(CallState.ENDED),
    FAX(CallState.ENDED),
    /** The called person (or machine) hung up. */
    HUNG_UP_REMOTE(CallState.ENDED),
    /** Our side hung up: the dialler or the agent. */
    HUNG_UP_LOCAL(CallState.ENDED);

    private final CallState next;

    CallEventType(CallState next) {
        this.next = next;
    }

    /** The state a call is in after this event. */
    public CallState next() {
        return next;
    }
}
