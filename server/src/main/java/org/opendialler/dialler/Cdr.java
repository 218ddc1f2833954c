package org.opendialler.dialler;

import java.time.Duration;
import java.time.Instant;

/**
 * The call detail record of one dialler call, in the terms of {@code reporting.php?method=cdr}.
 * Times are instants (the store writes Unix seconds); durations are null when the phase never
 * happened.
 *
 * @param callId {@code callid}
 * @param qid {@code qid}
 * @param table {@code qtable}
 * @param datasetId {@code dsid}
 * @param urn {@code urn}, the record id
 * @param agentId {@code aid}, or null when no agent took part
 * @param ddi the number called
 * @param cli the number presented
 * @param cres the call result: {@code Answered}, {@code No Answer}, {@code Busy},
 *     {@code Dead Line}, {@code Answer Machine}, {@code Abandoned}, {@code Fax}, {@code TPT}
 * @param dtype {@code out} for a dialler call, {@code tpt} for a third party's leg or a call
 *     a transfer brought to a queue
 * @param carrier the port's name
 * @param tmInit when the call was originated
 * @param tmAnswer when it was answered, or null
 * @param tmDisconnect when it ended
 * @param ring ringing time ({@code sec_ring})
 * @param queued answer to agent ({@code sec_que}), or null
 * @param talk agent talk time, or null
 * @param wrap agent wrap time, or null
 * @param recorded whether a recording exists ({@code flags} has {@code recorded})
 * @param origQid the first queue of a transferred call ({@code orig_qnm}); {@code qid} else
 * @param thirdParty third-party talk time ({@code sec_tpt}), or null
 */
public record Cdr(long callId, long qid, String table, long datasetId, long urn, Long agentId,
        String ddi, String cli, String cres, String dtype, String carrier, Instant tmInit,
        Instant tmAnswer, Instant tmDisconnect, Duration ring, Duration queued, Duration talk,
        Duration wrap, boolean recorded, long origQid, Duration thirdParty) {

    /** A call that no transfer touched. */
    public Cdr(long callId, long qid, String table, long datasetId, long urn, Long agentId,
            String ddi, String cli, String cres, String dtype, String carrier, Instant tmInit,
            Instant tmAnswer, Instant tmDisconnect, Duration ring, Duration queued,
            Duration talk, Duration wrap, boolean recorded) {
        this(callId, qid, table, datasetId, urn, agentId, ddi, cli, cres, dtype, carrier,
                tmInit, tmAnswer, tmDisconnect, ring, queued, talk, wrap, recorded, qid, null);
    }

    public static final String ANSWERED = "Answered";
    public static final String NO_ANSWER = "No Answer";
    public static final String BUSY = "Busy";
    public static final String DEAD_LINE = "Dead Line";
    public static final String ANSWER_MACHINE = "Answer Machine";
    public static final String ABANDONED = "Abandoned";
    public static final String FAX = "Fax";
    /** An agent put the customer through to a third party. */
    public static final String TPT = "TPT";
    /** The {@code dtype} of a third party's leg and of a call a transfer brought to a queue. */
    public static final String DTYPE_TPT = "tpt";

    /** The whole call, origination to disconnect ({@code sec_dur}). */
    public Duration duration() {
        return Duration.between(tmInit, tmDisconnect);
    }
}
