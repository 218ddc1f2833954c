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
 */
public record CallResult(ClaimedRecord record, Disposition disposition, boolean setByAgent,
        Cdr cdr, AgentStateChange agentChange, boolean abandoned, String infoMessage,
        byte[] recording, Instant at) {

    public CallResult {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(cdr, "cdr");
    }

    public Outcome outcome() {
        return disposition.outcome();
    }
}
