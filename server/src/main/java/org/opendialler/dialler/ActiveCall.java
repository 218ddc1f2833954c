package org.opendialler.dialler;

import java.time.Instant;
import org.opendialler.telephony.CallLeg;
import org.opendialler.telephony.Scheduler;

/** A dialler call from origination until its outcome is recorded. */
final class ActiveCall {

    final long callId;
    final QueueSettings queue;
    final ClaimedRecord record;
    final CallLeg leg;
    final Instant tmInit;
    /** The only agent who may take the call, or null for any waiting agent. */
    AgentSeat reserved;
    AgentSeat agent;
    Instant tmAnswer;
    Instant tmConnect;
    Instant tmDisconnect;
    Outcome systemOutcome;
    String cres;
    boolean abandoned;
    String infoMessage;
    Scheduler.Timer connectDeadline;

    ActiveCall(long callId, QueueSettings queue, ClaimedRecord record, Instant tmInit) {
        this.callId = callId;
        this.queue = queue;
        this.record = record;
        this.leg = new CallLeg(callId);
        this.tmInit = tmInit;
    }

    boolean isAwaitingAgent() {
        return tmAnswer != null && agent == null && !abandoned && tmDisconnect == null
                && systemOutcome == null;
    }
}
