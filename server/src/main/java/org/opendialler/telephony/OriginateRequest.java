package org.opendialler.telephony;

import java.time.Duration;
import java.util.Objects;

/**
 * A call the dialler asks a port to place.
 *
 * @param callId the dialler's id for the call (a CDR's {@code callid}); the port reports
 *     events under it (an ARI adapter uses it as the channel id it asks for)
 * @param destination the number to call, E.164
 * @param callerId the number presented, E.164; never blank (compliance)
 * @param ringTime how long to ring before giving up with {@link CallEventType#NO_ANSWER}
 * @param detectMachine whether to run answer machine detection on answer
 * @param record whether to record the call
 */
public record OriginateRequest(long callId, String destination, String callerId,
        Duration ringTime, boolean detectMachine, boolean record) {

    public OriginateRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(ringTime, "ringTime");
        if (!destination.matches("\\+[1-9]\\d{5,14}")) {
            throw new IllegalArgumentException("destination is not E.164");
        }
        if (callerId == null || callerId.isBlank()) {
            throw new IllegalArgumentException("callerId is required on every outbound call");
        }
    }
}
