package org.opendialler.telephony;

import java.time.Instant;

/**
 * One thing that happened to a call, at the time the port saw it.
 *
 * @param callId the id given in {@link OriginateRequest#callId()}
 * @param type what happened
 * @param at when, on the port's clock
 */
public record CallEvent(long callId, CallEventType type, Instant at) {
}
