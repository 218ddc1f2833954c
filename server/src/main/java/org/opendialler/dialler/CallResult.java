package org.opendialler.dialler;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a finished call changes, handed to {@link CallOutcomes#record} to be written in
 * one transaction.
 *
 * @param record the claimed record the call was for
 * @param disposition the outcome set, by the agent or by the dialler
 * @param setByAgent whether an agent set it
 * @param cdr the call detail record
 * @param agentChange the agent's state change that goes with the outcome, or null
 * @param abandoned whether the call counts as abandoned
 * @param infoMessage the information message played on abandon, or null
 * @param recording the WAV recording, or null
 * @param at when the outcome was set ({@code ProcessDate})
 * @param write what the result changes on its record
 */
public record CallResult(ClaimedRecord record, Disposition disposition, boolean setByAgent,
        Cdr cdr, AgentStateChange agentChange, boolean abandoned, String infoMessage,
        byte[] recording, Instant at, RecordWrite write) {

    /**
     * What a finished leg writes to its record: the outcome (with ProcessType, callback and
     * notes), one more dialling attempt, and the lease given back. A dialler call does all
     * three; a third party's leg none but, when it is the last part of the call, the lease.
     */
    public record RecordWrite(boolean outcome, boolean attempt, boolean releaseLease) {

        public static final RecordWrite FULL = new RecordWrite(true, true, true);
    }

    public CallResult {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(cdr, "cdr");
        Objects.requireNonNull(write, "write");
    }

    /** The result of a dialler call: it writes everything to its record. */
    public CallResult(ClaimedRecord record, Disposition disposition, boolean setByAgent,
            Cdr cdr, AgentStateChange agentChange, boolean abandoned, String infoMessage,
            byte[] recording, Instant at) {
        this(record, disposition, setByAgent, cdr, agentChange, abandoned, infoMessage,
                recording, at, RecordWrite.FULL);
    }

    public Outcome outcome() {
        return disposition.outcome();
    }
}
