package org.opendialler.dialler;

import java.time.Instant;
import org.opendialler.telephony.CallLeg;

/**
 * A call to a third party made for an agent's customer call: dialled from the agent to
 * consult (the customer parked), or dialled for the customer alone (a blind transfer). Its CDR
 * is its own, {@code dtype} {@code tpt}; scheduler thread only.
 */
final class ThirdPartyLeg {

    final long callId;
    final String number;
    final ActiveCall customer;
    final CallLeg leg;
    final Instant tmInit;
    /** Put through to the customer on answer, without an agent. */
    final boolean blind;
    /** The agent who consulted, or null for a blind transfer. */
    final Long agentId;
    /** The customer was put through: the leg did not go to an agent. */
    boolean putThrough;
    Instant tmAnswer;
    Instant tmDisconnect;
    String cres;

    ThirdPartyLeg(long callId, String number, ActiveCall customer, Instant tmInit,
            Long agentId) {
        this.callId = callId;
        this.number = number;
        this.customer = customer;
        this.leg = new CallLeg(callId);
        this.tmInit = tmInit;
        this.agentId = agentId;
        this.blind = agentId == null;
        this.putThrough = blind;
    }

    boolean isLive() {
        return leg.state().isLive();
    }
}
