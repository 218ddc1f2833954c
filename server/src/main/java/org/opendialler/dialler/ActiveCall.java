package org.opendialler.dialler;

import java.time.Instant;
import org.opendialler.telephony.CallLeg;
import org.opendialler.telephony.Scheduler;
import org.opendialler.telephony.TelephonyPort;

/**
 * A dialler call from origination until its outcome is recorded: one CDR. Usually the
 * customer's leg is the call the dialler placed on its own port; a call a queue takes over from
 * another agent's transfer keeps that leg, on the port it lives on, under a new call id.
 */
final class ActiveCall {

    final long callId;
    /** The port's id of the customer's leg. */
    final long legId;
    final TelephonyPort port;
    final QueueSettings queue;
    final ClaimedRecord record;
    final CallLeg leg;
    final Instant tmInit;
    /** {@code out} for a call the dialler placed, {@code tpt} for one a transfer brought. */
    final String dtype;
    /** The first queue of the customer's call ({@code orig_qnm}). */
    final long origQid;
    final LeaseShare share;
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
    LineState line = LineState.TALK;
    /** The third party the agent called for this customer, while that leg lives. */
    ThirdPartyLeg tpt;
    /** The agent put the customer through elsewhere: the leg goes on without this call. */
    boolean handedOver;

    ActiveCall(long callId, QueueSettings queue, ClaimedRecord record, Instant tmInit,
            TelephonyPort port) {
        this(callId, callId, port, queue, record, new CallLeg(callId), tmInit, "out",
                queue.qid(), new LeaseShare());
    }

    private ActiveCall(long callId, long legId, TelephonyPort port, QueueSettings queue,
            ClaimedRecord record, CallLeg leg, Instant tmInit, String dtype, long origQid,
            LeaseShare share) {
        this.callId = callId;
        this.legId = legId;
        this.port = port;
        this.queue = queue;
        this.record = record;
        this.leg = leg;
        this.tmInit = tmInit;
        this.dtype = dtype;
        this.origQid = origQid;
        this.share = share;
        share.take();
    }

    /**
     * The customer of {@code from}, transferred to {@code queue} at {@code at}: answered from
     * the start, waiting for one of the queue's agents.
     */
    static ActiveCall onward(long callId, QueueSettings queue, ActiveCall from, Instant at) {
        ActiveCall call = new ActiveCall(callId, from.legId, from.port, queue, from.record,
                new CallLeg(from.legId, from.leg.state()), at, Cdr.DTYPE_TPT, from.origQid,
                from.share);
        call.tmAnswer = at;
        call.cres = Cdr.ANSWERED;
        return call;
    }

    /** Whether a transfer brought this call: no dialling attempt, no abandon by the rule. */
    boolean isOnward() {
        return Cdr.DTYPE_TPT.equals(dtype);
    }

    boolean isAwaitingAgent() {
        return tmAnswer != null && agent == null && !abandoned && tmDisconnect == null
                && systemOutcome == null;
    }
}
